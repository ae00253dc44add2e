using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Browser;

/// <summary>
/// The real app on a loopback port (Kestrel, SQLite: these tests are about the UI, not the database) driven by headless
/// Chromium through the system's chromedriver. Nothing is downloaded: the browser and the driver are the installed ones.
/// Without them the tests are ignored, except in CI (CI=true), where that is a failure.
/// </summary>
[NonParallelizable]
public abstract class BrowserTestBase
{
    protected const string ChromiumPath = "/usr/bin/chromium";
    protected const string DriverDirectory = "/usr/bin";
    protected const string Password = "Passw0rd!x";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private string _profile = "";

    protected ShopFactory Factory { get; private set; } = null!;
    protected Uri Root { get; private set; } = null!;
    protected HttpClient Api { get; private set; } = null!;
    protected IWebDriver Driver { get; private set; } = null!;
    protected string StaffUser { get; private set; } = "";
    protected string StaffToken { get; private set; } = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var missing = new[] { ChromiumPath, Path.Combine(DriverDirectory, "chromedriver") }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            var reason = $"Browser tests need Chromium and chromedriver; missing: {string.Join(", ", missing)} (apt-get install chromium chromium-driver)";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason + " — CI=true requires them");
            Assert.Ignore(reason);
        }
        // Selenium Manager stays offline: the driver and the browser are given, nothing is to be fetched.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");

        Factory = await ShopFactory.StartAsync(ShopFactory.Sqlite, kestrel: true);
        Root = Factory.RootUri;
        Api = new HttpClient { BaseAddress = Root };
        StaffUser = "staff" + Guid.NewGuid().ToString("N")[..8];
        await Factory.CreateUserAsync(StaffUser, Password, isStaff: true);
        using (var token = await Api.PostAsJsonAsync("/api/token", new { username = StaffUser, password = Password }))
        {
            Assert.That(token.IsSuccessStatusCode, Is.True, await token.Content.ReadAsStringAsync());
            StaffToken = (await token.Content.ReadFromJsonAsync<JsonObject>())!["access"]!.GetValue<string>();
        }

        _profile = Directory.CreateTempSubdirectory("shop-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
            $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        Api?.Dispose();
        if (Factory is not null) await Factory.DisposeAsync();
        if (_profile.Length > 0 && Directory.Exists(_profile))
        {
            try { Directory.Delete(_profile, recursive: true); }
            catch (IOException) { /* Chromium may still be writing its profile while it exits. */ }
        }
    }

    protected void Open(string path) => Driver.Navigate().GoToUrl(new Uri(Root, path));

    protected string PathAndQuery => new Uri(Driver.Url).PathAndQuery;

    protected IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    protected IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    protected string BodyText => Find("body").Text;

    /// <summary>Waits until <paramref name="condition"/> holds (it may throw while the page changes).</summary>
    protected void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (condition()) return;
            }
            catch (WebDriverException ex)
            {
                last = ex;
            }
            Thread.Sleep(100);
        }
        Assert.Fail($"Timed out waiting until {what}. At {Driver.Url}. {last?.Message}");
    }

    protected void WaitForPath(string path) => WaitUntil(() => new Uri(Driver.Url).AbsolutePath == path, $"the browser is at {path}");

    protected void Type(string css, string text)
    {
        var field = Find(css);
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Clicks a submit control and waits for the next page to replace this one.</summary>
    protected void SubmitWith(IWebElement button)
    {
        var html = Find("html");
        button.Click();
        WaitUntil(() =>
        {
            try
            {
                _ = html.TagName;
                return false;
            }
            catch (StaleElementReferenceException)
            {
                return ((IJavaScriptExecutor)Driver).ExecuteScript("return document.readyState") as string == "complete";
            }
        }, "the next page has loaded");
    }

    protected void SignOut() => Driver.Manage().Cookies.DeleteAllCookies();

    /// <summary>Signs in as the staff user through the login page (a no-op when already signed in).</summary>
    protected void SignInAsStaff()
    {
        Open("/");
        if (BodyText.Contains($"Hello, {StaffUser}", StringComparison.Ordinal)) return;
        Open("/accounts/login");
        Type("input[name=Username]", StaffUser);
        Type("input[name=Password]", Password);
        SubmitWith(Find("main form button[type=submit]"));
        Assert.That(BodyText, Does.Contain($"Hello, {StaffUser}"));
    }

    /// <summary>Saves a PNG of the window under the work directory's screenshots/ and attaches it to the test.</summary>
    protected string Screenshot(string name, string description)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(file);
        TestContext.AddTestAttachment(file, description);
        return file;
    }

    protected object? Script(string script, params object[] args) => ((IJavaScriptExecutor)Driver).ExecuteScript(script, args);

    /// <summary>Creates a product through the API as staff; answers it.</summary>
    protected async Task<JsonObject> CreateProductAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/products") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffToken);
        using var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    protected async Task<JsonObject> CreateCategoryAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/categories") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffToken);
        using var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
