using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Shop.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// What a browser would see: a client that keeps cookies and does not follow redirects, a page answer with its parsed
/// HTML, and forms submitted the way a browser submits them (every field with its current value, the antiforgery token
/// included). Data is set up through the API of <see cref="ApiTestBase"/>; the same fixtures run on SQLite and PostgreSQL.
/// </summary>
public abstract class PageTestBase(string provider) : ApiTestBase(provider)
{
    public const string TokenField = "__RequestVerificationToken";

    private static readonly HtmlParser Parser = new();

    /// <summary>A new anonymous visitor.</summary>
    protected PageClient NewVisitor() => new(Factory);

    /// <summary>A new user (staff or not), signed in through the login form.</summary>
    protected async Task<PageClient> SignedInAsync(bool staff)
    {
        var userName = Unique(staff ? "staff" : "user");
        await Factory.CreateUserAsync(userName, Password, staff);
        var client = NewVisitor();
        var answer = await client.SignInAsync(userName, Password);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), $"signing in {userName}: {answer.Text}");
        return client;
    }

    /// <summary>A published product with a name of its own that contains <paramref name="word"/>.</summary>
    protected async Task<JsonObject> CreateListedProductAsync(string word, decimal price = 10m, Action<JsonObject>? change = null)
    {
        var body = ProductBody($"{Unique("Item ")} {word}", price);
        body["status"] = "published";
        change?.Invoke(body);
        return await CreateProductAsync(body);
    }

    /// <summary>A short lowercase word that matches nothing but the products a test gives it to.</summary>
    protected static string Word() => "zq" + Guid.NewGuid().ToString("N")[..10];

    protected static string SlugOf(JsonObject product) => product["slug"]!.GetValue<string>();

    protected static string NameOf(JsonObject product) => product["name"]!.GetValue<string>();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Asserts a 302 to the login page whose ReturnUrl is <paramref name="returnUrl"/>.</summary>
    protected static void AssertRedirectsToLogin(PageAnswer answer, string returnUrl)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Redirect), answer.Describe());
        var location = answer.LocationPathAndQuery;
        Assert.That(location, Does.StartWith("/accounts/login?"), answer.Describe());
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location![location.IndexOf('?', StringComparison.Ordinal)..]);
        Assert.That(query.TryGetValue("ReturnUrl", out var value) ? value.ToString() : null, Is.EqualTo(returnUrl), answer.Describe());
    }

    /// <summary>Asserts a page answered with 403 (an HTML page, not a redirect to an access-denied page).</summary>
    protected static void AssertForbiddenPage(PageAnswer answer)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden), answer.Describe());
        Assert.That(answer.MediaType, Is.EqualTo("text/html"), answer.Describe());
        Assert.That(answer.Document.Body?.TextContent.Trim(), Is.Not.Empty, answer.Describe());
    }

    /// <summary>The text of the error shown beside a form control: in the control's own parent element.</summary>
    public static string ErrorNextTo(IDocument document, string fieldName)
    {
        var control = Control(document, fieldName);
        var box = control.ParentElement!;
        var errors = box.QuerySelectorAll("*")
            .Where(e => e != control && (e.ClassList.Any(c => c.Contains("error", StringComparison.OrdinalIgnoreCase))
                                         || e.GetAttribute("data-valmsg-for") == fieldName))
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0);
        return string.Join(" ", errors.Distinct());
    }

    /// <summary>The form control (input, textarea or select) named <paramref name="fieldName"/>, the hidden companions of checkboxes aside.</summary>
    public static IElement Control(IDocument document, string fieldName)
    {
        var control = document.QuerySelectorAll("input, textarea, select")
            .FirstOrDefault(e => e.GetAttribute("name") == fieldName && e.GetAttribute("type") != "hidden");
        Assert.That(control, Is.Not.Null, $"no control named {fieldName} in the page");
        return control!;
    }

    /// <summary>The value a control shows: an input's value, a textarea's text, a select's chosen option.</summary>
    public static string? ValueOf(IDocument document, string fieldName) => Control(document, fieldName) switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlTextAreaElement area => area.Value,
        IHtmlSelectElement select => select.Value,
        _ => null,
    };

    /// <summary>The first POST form inside the page's main content (not the layout's logout form).</summary>
    public static IHtmlFormElement MainPostForm(IDocument document)
    {
        var form = document.Forms.FirstOrDefault(f =>
            string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)
            && !(f.GetAttribute("action") ?? "").StartsWith("/accounts/logout", StringComparison.OrdinalIgnoreCase));
        Assert.That(form, Is.Not.Null, "no POST form in the page");
        return form!;
    }

    /// <summary>The fields a browser would send for <paramref name="form"/> as it stands (submit buttons aside).</summary>
    public static FormFields FieldsOf(IHtmlFormElement form)
    {
        var fields = new FormFields();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(name, input.Value);
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "image" or "reset" or "file":
                    break;
                case IHtmlInputElement input:
                    fields.Add(name, input.Value);
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(name, area.Value);
                    break;
                case IHtmlSelectElement select:
                    if (select.SelectedIndex >= 0) fields.Add(name, select.Value ?? "");
                    break;
            }
        }
        return fields;
    }
}

/// <summary>Form fields in order; <see cref="Set"/> replaces a field's values as typing into it would.</summary>
public sealed class FormFields : List<KeyValuePair<string, string>>
{
    public void Add(string name, string value) => Add(new KeyValuePair<string, string>(name, value));

    public FormFields Set(string name, string value)
    {
        var at = FindIndex(kv => kv.Key == name);
        RemoveAll(kv => kv.Key == name);
        Insert(at < 0 ? Count : at, new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>Unchecks a checkbox: only its hidden companion (if any) is sent.</summary>
    public FormFields Uncheck(string name)
    {
        var last = FindLastIndex(kv => kv.Key == name);
        var hidden = last >= 0 && this[last].Value == "false";
        RemoveAll(kv => kv.Key == name);
        if (hidden) Add(name, "false");
        return this;
    }

    public FormFields Without(string name)
    {
        RemoveAll(kv => kv.Key == name);
        return this;
    }
}

/// <summary>A page's answer: status, headers, text and parsed HTML.</summary>
public sealed class PageAnswer(HttpResponseMessage response, string text)
{
    private IHtmlDocument? _document;

    public HttpResponseMessage Response { get; } = response;
    public HttpStatusCode Status => Response.StatusCode;
    public string Text { get; } = text;
    public string? MediaType => Response.Content.Headers.ContentType?.MediaType;
    public IHtmlDocument Document => _document ??= PageTestBase.Parse(Text);

    /// <summary>The Location header as a path and query (an absolute URL on this host is made relative).</summary>
    public string? LocationPathAndQuery => Response.Headers.Location is not { } l ? null
        : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    public IEnumerable<string> SetCookies =>
        Response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>The page's visible text, whitespace collapsed.</summary>
    public string VisibleText => System.Text.RegularExpressions.Regex.Replace(Document.Body?.TextContent ?? "", @"\s+", " ");

    public string Describe() =>
        $"{Response.RequestMessage?.Method} {Response.RequestMessage?.RequestUri?.PathAndQuery} → {(int)Status} " +
        $"{(Response.Headers.Location is { } l ? "Location " + l + " " : "")}{Shorten(Text)}";

    private static string Shorten(string text) => text.Length <= 3000 ? text : text[..3000] + "…";
}

/// <summary>A browser-like client for one visitor: cookies kept in <see cref="Cookies"/>, redirects not followed.</summary>
public sealed class PageClient : IDisposable
{
    public PageClient(ShopFactory factory)
        : this(factory, new CookieContainer())
    {
    }

    /// <summary>The same visitor (same cookies) on another instance of the app, as a balancer may send it there.</summary>
    public PageClient(ShopFactory factory, CookieContainer cookies)
    {
        Cookies = cookies;
        Http = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(Cookies));
    }

    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    public bool HasCookie(string name) => Cookies.GetCookies(new Uri("http://localhost/")).Any(c => c.Name == name && !c.Expired);

    public async Task<PageAnswer> GetAsync(string url, Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        change?.Invoke(request);
        return await SendAsync(request);
    }

    public async Task<PageAnswer> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    /// <summary>Submits the page's main POST form (to its action, or back to the page) after <paramref name="fill"/> changes its fields.</summary>
    public async Task<PageAnswer> SubmitAsync(PageAnswer page, Action<FormFields>? fill = null, IHtmlFormElement? form = null)
    {
        form ??= PageTestBase.MainPostForm(page.Document);
        var fields = PageTestBase.FieldsOf(form);
        fill?.Invoke(fields);
        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? page.Response.RequestMessage!.RequestUri!.PathAndQuery : action;
        return await PostAsync(url, fields);
    }

    /// <summary>Opens <paramref name="url"/> (asserting a 200) and submits its main form.</summary>
    public async Task<PageAnswer> OpenAndSubmitAsync(string url, Action<FormFields>? fill = null)
    {
        var page = await GetAsync(url);
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        return await SubmitAsync(page, fill);
    }

    /// <summary>Signs in through the login form, as a person would; answers the form POST's answer.</summary>
    public Task<PageAnswer> SignInAsync(string userName, string password, string? returnUrl = null) =>
        OpenAndSubmitAsync(returnUrl is null ? "/accounts/login" : $"/accounts/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            f => f.Set("Username", userName).Set("Password", password));

    private async Task<PageAnswer> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new PageAnswer(response, text);
    }

    public void Dispose() => Http.Dispose();
}
