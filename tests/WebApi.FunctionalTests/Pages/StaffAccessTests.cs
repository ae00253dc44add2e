using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary>
/// Staff pages and /admin: anonymous → 302 to /accounts/login?ReturnUrl=&lt;path&gt; and back there after signing in;
/// signed-in non-staff → a page answered with 403.
/// </summary>
public sealed class StaffAccessTests(string provider) : PageTestBase(provider)
{
    private string _slug = "";
    private int _productId;
    private int _categoryId;
    private int _tagId;
    private PageClient _user = null!;
    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task CreateTargetsAsync()
    {
        var product = await CreatePublishedProductAsync();
        (_slug, _productId) = (SlugOf(product), IdOf(product));
        _categoryId = IdOf(await CreateCategoryAsync());
        _tagId = IdOf(await CreateTagAsync());
        _user = await SignedInAsync(staff: false);
        _staff = await SignedInAsync(staff: true);
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _user?.Dispose();
        _staff?.Dispose();
    }

    /// <summary>Every staff page, with {slug}, {product}, {category} and {tag} standing for existing items.</summary>
    private static readonly string[] StaffPages =
    [
        "/products/new",
        "/products/{slug}/edit",
        "/products/{slug}/delete",
        "/admin",
        "/admin/products",
        "/admin/products?status=draft&sort=-price",
        "/admin/products/delete?ids={product}",
        "/admin/categories",
        "/admin/categories/new",
        "/admin/categories/{category}/edit",
        "/admin/categories/{category}/delete",
        "/admin/tags",
        "/admin/tags/new",
        "/admin/tags/{tag}/edit",
        "/admin/tags/{tag}/delete",
    ];

    private string Resolve(string path) => path
        .Replace("{slug}", _slug, StringComparison.Ordinal)
        .Replace("{product}", _productId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{category}", _categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{tag}", _tagId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [TestCaseSource(nameof(StaffPages))]
    public async Task Anonymous_visitor_is_redirected_to_login_with_the_page_as_return_url(string page)
    {
        var path = Resolve(page);
        using var visitor = NewVisitor();
        AssertRedirectsToLogin(await visitor.GetAsync(path), path);
    }

    [TestCaseSource(nameof(StaffPages))]
    public async Task Signed_in_user_without_staff_role_gets_a_403_page(string page) =>
        AssertForbiddenPage(await _user.GetAsync(Resolve(page)));

    [TestCaseSource(nameof(StaffPages))]
    public async Task Staff_opens_the_page(string page)
    {
        var answer = await _staff.GetAsync(Resolve(page));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.Describe());
        Assert.That(answer.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task Anonymous_post_to_a_staff_form_is_redirected_to_login_and_changes_nothing()
    {
        using var visitor = NewVisitor();
        var answer = await visitor.PostAsync($"/products/{_slug}/delete", []);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect).Or.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That((await _staff.GetAsync($"/products/{_slug}")).Status, Is.EqualTo(HttpStatusCode.OK), "the product is still there");
    }

    [TestCase("/products/new")]
    [TestCase("/admin/products?status=draft")]
    [TestCase("/admin/categories")]
    public async Task After_signing_in_the_visitor_is_sent_back_to_the_page_asked_for(string path)
    {
        var userName = Unique("back");
        await Factory.CreateUserAsync(userName, Password, isStaff: true);
        using var visitor = NewVisitor();
        var redirect = await visitor.GetAsync(path);
        AssertRedirectsToLogin(redirect, path);

        var login = await visitor.GetAsync(redirect.LocationPathAndQuery!);
        Assert.That(login.Status, Is.EqualTo(HttpStatusCode.OK), login.Describe());
        var signedIn = await visitor.SubmitAsync(login, f => f.Set("Username", userName).Set("Password", Password));

        Assert.That(signedIn.Status, Is.EqualTo(HttpStatusCode.Redirect), signedIn.Describe());
        Assert.That(signedIn.LocationPathAndQuery, Is.EqualTo(path));
        var back = await visitor.GetAsync(path);
        Assert.That(back.Status, Is.EqualTo(HttpStatusCode.OK), back.Describe());
    }

    [TestCase("http://evil.example/steal")]
    [TestCase("//evil.example/steal")]
    [TestCase("/\\evil.example")]
    public async Task Login_never_redirects_off_site(string returnUrl)
    {
        var userName = Unique("open");
        await Factory.CreateUserAsync(userName, Password, isStaff: false);
        using var visitor = NewVisitor();
        var answer = await visitor.SignInAsync(userName, Password, returnUrl);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        Assert.That(answer.Response.Headers.Location!.IsAbsoluteUri ? answer.Response.Headers.Location.Host : "localhost", Is.EqualTo("localhost"));
        Assert.That(answer.LocationPathAndQuery, Does.StartWith("/").And.Not.StartWith("//").And.Not.StartWith("/\\"));
    }

    [Test]
    public async Task Staff_sees_new_product_and_admin_links_in_the_nav_and_others_do_not()
    {
        var staffPage = await _staff.GetAsync("/");
        var userPage = await _user.GetAsync("/");
        var staffLinks = staffPage.Document.QuerySelectorAll("header a").Select(a => a.GetAttribute("href")).ToList();
        var userLinks = userPage.Document.QuerySelectorAll("header a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(staffLinks, Does.Contain("/admin").And.Contain("/products/new"));
        Assert.That(userLinks, Does.Not.Contain("/admin").And.Not.Contain("/products/new"));
    }
}
