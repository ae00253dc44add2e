using System.Net;
using Microsoft.AspNetCore.Http;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Security;

/// <summary>
/// <c>/media/...</c> serves the media folder's images and nothing else, whatever the path: dot segments, encoded
/// dots and slashes, backslashes, absolute paths, hidden files, non-image files. Each one is a 404.
/// </summary>
public sealed class MediaTraversalTests(string provider) : ApiTestBase(provider)
{
    private const string Secret = "TOP-SECRET-CONTENT";
    private string _outsideName = "";
    private readonly List<string> _planted = [];

    protected override bool SignInUsers => false;

    [OneTimeSetUp]
    public void PlantFiles()
    {
        // A file right beside the media folder, named like an image so only the folder boundary protects it,
        // and files inside the folder that are not servable images.
        _outsideName = $"secret-{Guid.NewGuid():N}.png";
        Directory.CreateDirectory(Factory.MediaRoot);
        Plant(Path.Combine(Path.GetDirectoryName(Factory.MediaRoot)!, _outsideName));
        Plant(Path.Combine(Factory.MediaRoot, "notes.txt"));
        Plant(Path.Combine(Factory.MediaRoot, ".hidden.png"));
        Plant(Path.Combine(Factory.MediaRoot, "products", "2026", "11", "upload.png.0123.tmp"));
    }

    [OneTimeTearDown]
    public void RemovePlanted()
    {
        foreach (var file in _planted) File.Delete(file);
    }

    private void Plant(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Secret);
        _planted.Add(path);
    }

    private static IEnumerable<string> HostileUrls()
    {
        yield return "/media/../appsettings.json";
        yield return "/media/%2e%2e/%2e%2e/etc/passwd";
        yield return "/media/..%2fappsettings.json";
        yield return "/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd";
        yield return "/media/..%5c..%5cappsettings.json";
        yield return "/media/%2fetc%2fpasswd";
        yield return "/media//etc/passwd";
        yield return "/media/%252e%252e/appsettings.json";
        yield return "/media/products/../../appsettings.json";
        yield return "/media/notes.txt";
        yield return "/media/.hidden.png";
        yield return "/media/products/2026/11/upload.png.0123.tmp";
    }

    [TestCaseSource(nameof(HostileUrls))]
    public async Task A_hostile_or_unservable_url_is_404(string url)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        Assert.That(body, Does.Not.Contain(Secret).And.Not.Contain("root:").And.Not.Contain("\"Logging\""), url);
    }

    [Test]
    public async Task Urls_aimed_at_a_file_beside_the_media_folder_are_404()
    {
        foreach (var url in new[] { $"/media/../{_outsideName}", $"/media/%2e%2e/{_outsideName}", $"/media/..%2f{_outsideName}", $"/media/..%5c{_outsideName}" })
        {
            using var response = await GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(Secret), url);
        }
    }

    /// <summary>
    /// HttpClient tidies dot segments before sending; a raw client need not. These paths reach the app as they are
    /// (already decoded, as a server hands them over), so the media folder's own boundary is what refuses them.
    /// </summary>
    [Test]
    public async Task Raw_paths_that_climb_out_of_the_media_folder_are_404()
    {
        var paths = new[]
        {
            $"/media/../{_outsideName}",
            $"/media/products/../../{_outsideName}",
            $"/media/..\\{_outsideName}",
            "/media/../../../../../../etc/passwd",
            "/media//etc/passwd",
            "/media/" + Path.Combine(Path.GetDirectoryName(Factory.MediaRoot)!, _outsideName),
        };
        foreach (var path in paths)
        {
            var (status, body) = await RawGetAsync(path);

            Assert.That(status, Is.EqualTo(StatusCodes.Status404NotFound), path);
            Assert.That(body, Does.Not.Contain(Secret).And.Not.Contain("root:"), path);
        }
    }

    [Test]
    public async Task A_raw_path_to_an_image_inside_the_media_folder_is_served()
    {
        // The control for the test above: the same kind of request does reach files that are inside.
        var name = $"inside-{Guid.NewGuid():N}.png";
        Plant(Path.Combine(Factory.MediaRoot, name));

        var (status, body) = await RawGetAsync("/media/" + name);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status200OK));
            Assert.That(body, Is.EqualTo(Secret));
        });
    }

    private async Task<(int Status, string Body)> RawGetAsync(string path)
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = new PathString(path);
        });
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }
}
