using System.Net;
using System.Text.RegularExpressions;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary>No page answers 500 for any input in its query string or form fields, and none shows internals.</summary>
public sealed partial class PageHostileInputTests(string provider) : PageTestBase(provider)
{
    private static readonly string Long = new('q', 5000);

    private PageClient _staff = null!;
    private string _slug = "";
    private int _categoryId;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _staff = await SignedInAsync(staff: true);
        var category = await CreateCategoryAsync();
        _categoryId = IdOf(category);
        _slug = SlugOf(await CreatePublishedProductAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = Unique("Target "),
            ["price"] = 3,
            ["categoryId"] = _categoryId,
        }));
    }

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private string Resolve(string url) => url
        .Replace("{slug}", _slug, StringComparison.Ordinal)
        .Replace("{category}", _categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{long}", Long, StringComparison.Ordinal);

    private static void AssertNo500(PageAnswer answer)
    {
        Assert.That((int)answer.Status, Is.LessThan(500), answer.Describe());
        Assert.That(Leak().IsMatch(answer.Text), Is.False, $"internals in the page: {answer.Describe()}");
    }

    [GeneratedRegex(@"Exception|\bat [A-Z][\w.`]+\(|\.cs:line|Npgsql|SQLite Error|SqliteException|Stack ?trace", RegexOptions.IgnoreCase)]
    private static partial Regex Leak();

    private static IEnumerable<TestCaseData> HostileQueries()
    {
        TestCaseData Case(string url, string name) => new TestCaseData(url).SetArgDisplayNames(name);
        yield return Case("/?page=-1", "storefront page=-1");
        yield return Case("/?page=0", "storefront page=0");
        yield return Case("/?page=abc", "storefront page=abc");
        yield return Case("/?page=1.5", "storefront page=1.5");
        yield return Case("/?page=99999999999", "storefront page=99999999999");
        yield return Case("/?page=2147483647", "storefront page=int.MaxValue");
        yield return Case("/?page=1&page=2", "storefront page twice");
        yield return Case("/?q={long}", "storefront q of 5000 chars");
        yield return Case("/?q=%00", "storefront q=NUL");
        yield return Case("/?q=%25%5F%5C", "storefront q=LIKE wildcards");
        yield return Case("/?q=%27%3B%20DROP%20TABLE%20products%3B--", "storefront q=SQL");
        yield return Case("/?q=%F0%9F%98%80%E2%80%AE", "storefront q=emoji and RTL override");
        yield return Case("/?q=%C0%AF", "storefront q=invalid UTF-8");
        yield return Case("/?category=%00", "storefront category=NUL");
        yield return Case("/?category={long}", "storefront category of 5000 chars");
        yield return Case("/?category=%3Cscript%3E", "storefront category=<script>");
        yield return Case("/?q[]=x&category[a]=y", "storefront array-shaped keys");
        yield return Case("/products/%01%7F", "detail slug of control characters");
        yield return Case("/products/{long}", "detail slug of 5000 chars");
        yield return Case("/products/%C0%AF", "detail slug invalid UTF-8");
        yield return Case("/products/%2e%2e%2fappsettings.json", "detail slug ../");
        yield return Case("/products/{slug}?page=abc", "detail with junk query");
        yield return Case("/products/%01/edit", "edit slug of a control character");
        yield return Case("/products/{long}/delete", "delete slug of 5000 chars");
        yield return Case("/accounts/login?ReturnUrl=%00", "login ReturnUrl=NUL");
        yield return Case("/accounts/login?ReturnUrl={long}", "login ReturnUrl of 5000 chars");
        yield return Case("/accounts/login?ReturnUrl=javascript:alert(1)", "login ReturnUrl=javascript");
        yield return Case("/admin/products?status=bogus", "admin status=bogus");
        yield return Case("/admin/products?active=maybe", "admin active=maybe");
        yield return Case("/admin/products?category=%00", "admin category=NUL");
        yield return Case("/admin/products?q=%00", "admin q=NUL");
        yield return Case("/admin/products?q={long}", "admin q of 5000 chars");
        yield return Case("/admin/products?from=2026-13-45&to=abc", "admin from/to not dates");
        yield return Case("/admin/products?from=0001-01-01&to=9999-12-31", "admin from/to at the calendar's ends");
        yield return Case("/admin/products?from=2026-12-31&to=2026-01-01", "admin to before from");
        yield return Case("/admin/products?sort=bogus", "admin sort=bogus");
        yield return Case("/admin/products?sort=-id", "admin sort=-id");
        yield return Case("/admin/products?page=-5", "admin page=-5");
        yield return Case("/admin/products?page=99999999999", "admin page=99999999999");
        yield return Case("/admin/products?page=2147483647&sort=-price", "admin page=int.MaxValue");
        yield return Case("/admin/products/delete?ids=abc&ids=-1&ids=99999999999", "admin bulk delete ids junk");
        yield return Case("/admin/products/delete", "admin bulk delete without ids");
        yield return Case("/admin/categories?page=abc", "admin categories page=abc");
        yield return Case("/admin/categories?page=99999999999", "admin categories page=99999999999");
        yield return Case("/admin/tags?page=2147483647", "admin tags page=int.MaxValue");
        yield return Case("/admin/categories/99999999999/edit", "admin category id beyond int");
        yield return Case("/admin/categories/0/delete", "admin category id 0");
        yield return Case("/admin/tags/-1/edit", "admin tag id -1");
        yield return Case("/admin/widgets", "admin unknown kind");
        yield return Case("/errors/abc", "error page code abc");
        yield return Case("/errors/999", "error page code 999");
        yield return Case("/errors/200", "error page code 200");
        yield return Case("/errors/99999999999", "error page code beyond int");
    }

    [TestCaseSource(nameof(HostileQueries))]
    public async Task Hostile_query_never_answers_500_to_staff(string url) => AssertNo500(await _staff.GetAsync(Resolve(url)));

    [TestCaseSource(nameof(HostileQueries))]
    public async Task Hostile_query_never_answers_500_to_visitors(string url)
    {
        using var visitor = NewVisitor();
        AssertNo500(await visitor.GetAsync(Resolve(url)));
    }

    [TestCase("/?page=-1")]
    [TestCase("/?page=abc")]
    [TestCase("/?page=99999999999")]
    [TestCase("/?q={long}")]
    [TestCase("/?category=%00")]
    public async Task Storefront_renders_a_page_for_junk_query_values(string url)
    {
        using var visitor = NewVisitor();
        var page = await visitor.GetAsync(Resolve(url));
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        Assert.That(page.VisibleText, Does.Match(@"Page \d+ of \d+"));
    }

    private static IEnumerable<TestCaseData> HostileProductForms()
    {
        TestCaseData Case(string field, string value, string name) => new TestCaseData(field, value).SetArgDisplayNames(name);
        yield return Case("Form.Price", "1e400", "price=1e400");
        yield return Case("Form.Price", "99999999999999999999999999999999", "price of 32 digits");
        yield return Case("Form.Price", "NaN", "price=NaN");
        yield return Case("Form.Price", "-0", "price=-0");
        yield return Case("Form.Price", "1,5", "price=1,5");
        yield return Case("Form.Price", "\0", "price=NUL");
        yield return Case("Form.Specs", "not json", "specs=not json");
        yield return Case("Form.Specs", "null", "specs=null");
        yield return Case("Form.Specs", "\"text\"", "specs=a JSON string");
        yield return Case("Form.Specs", new string('[', 5000), "specs nested 5000 deep");
        yield return Case("Form.Specs", "{\"a\":\"" + new string('x', 70_000) + "\"}", "specs of 70 KiB");
        yield return Case("Form.Specs", "{\"a\":1,\"a\":2}", "specs with a duplicate key");
        yield return Case("Form.Tags", "a:b", "tags=a:b");
        yield return Case("Form.Tags", "a:99999999999", "tags weight beyond int");
        yield return Case("Form.Tags", ":", "tags=:");
        yield return Case("Form.Tags", "a:-5, a:7", "tags negative weight and twice");
        yield return Case("Form.Tags", new string(',', 5000), "tags 5000 commas");
        yield return Case("Form.Tags", "%00", "tags=%00");
        yield return Case("Form.Status", "bogus", "status=bogus");
        yield return Case("Form.Status", "99", "status=99");
        yield return Case("Form.Status", "", "status empty");
        yield return Case("Form.CategoryId", "abc", "categoryId=abc");
        yield return Case("Form.CategoryId", "99999999999", "categoryId beyond int");
        yield return Case("Form.CategoryId", "-1", "categoryId=-1");
        yield return Case("Form.IsActive", "maybe", "isActive=maybe");
        yield return Case("Form.Name", new string('n', 5000), "name of 5000 chars");
        yield return Case("Form.Name", "bad\0name", "name with NUL");
        yield return Case("Form.Slug", "UPPER case!", "slug not a slug");
        yield return Case("Form.Slug", "bad\0slug", "slug with NUL");
        yield return Case("Form.Slug", new string('s', 5000), "slug of 5000 chars");
        yield return Case("Form.Description", "nul\0inside", "description with NUL");
        yield return Case("Form.Description", new string('d', 200_000), "description of 200000 chars");
    }

    [TestCaseSource(nameof(HostileProductForms))]
    public async Task Hostile_new_product_form_value_never_answers_500(string field, string value)
    {
        var answer = await _staff.OpenAndSubmitAsync("/products/new", f => f.Set("Form.Name", Unique("Hostile ")).Set("Form.Price", "5").Set(field, value));
        AssertNo500(answer);
    }

    [TestCaseSource(nameof(HostileProductForms))]
    public async Task Hostile_edit_product_form_value_never_answers_500(string field, string value)
    {
        var product = await CreateProductAsync();
        var answer = await _staff.OpenAndSubmitAsync($"/products/{SlugOf(product)}/edit", f => f.Set(field, value));
        AssertNo500(answer);
    }

    private static IEnumerable<TestCaseData> HostileOtherForms()
    {
        TestCaseData Case(string url, string field, string value, string name) => new TestCaseData(url, field, value).SetArgDisplayNames(name);
        yield return Case("/products/{slug}/edit", "Id", "abc", "edit Id=abc");
        yield return Case("/products/{slug}/edit", "Id", "99999999", "edit Id of a product that does not exist");
        yield return Case("/products/{slug}/edit", "Id", "99999999999", "edit Id beyond int");
        yield return Case("/products/{slug}/edit", "Id", "-1", "edit Id=-1");
        yield return Case("/accounts/login", "Username", "{long}", "login username of 5000 chars");
        yield return Case("/accounts/login", "Password", "{long}", "login password of 5000 chars");
        yield return Case("/accounts/login", "Username", "nul\0user", "login username with NUL");
        yield return Case("/accounts/login", "ReturnUrl", "http://evil.example/", "login ReturnUrl off-site");
        yield return Case("/admin/categories/new", "Name", "{long}", "category name of 5000 chars");
        yield return Case("/admin/categories/new", "Name", "nul\0cat", "category name with NUL");
        yield return Case("/admin/categories/new", "Slug", "NOT a slug", "category slug not a slug");
        yield return Case("/admin/categories/new", "Slug", "bad\0slug", "category slug with NUL");
        yield return Case("/admin/categories/{category}/edit", "Name", "", "category rename to empty");
        yield return Case("/admin/tags/new", "Name", "{long}", "tag name of 5000 chars");
        yield return Case("/admin/tags/new", "Name", "nul\0tag", "tag name with NUL");
        yield return Case("/admin/products/delete?ids=1", "ids", "abc", "bulk delete ids=abc");
    }

    [TestCaseSource(nameof(HostileOtherForms))]
    public async Task Hostile_form_value_never_answers_500(string url, string field, string value)
    {
        var page = await _staff.GetAsync(Resolve(url));
        if (page.Status == HttpStatusCode.Redirect) page = await _staff.GetAsync(page.LocationPathAndQuery!); // e.g. delete of ids that are gone
        Assume.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var answer = await _staff.SubmitAsync(page, f => f.Set(field, Resolve(value)));
        AssertNo500(answer);
    }

    private static IEnumerable<TestCaseData> HostileBulkPosts()
    {
        TestCaseData Case(string ids, string action, string name) => new TestCaseData(ids, action).SetArgDisplayNames(name);
        yield return Case("{product}", "bogus", "action=bogus");
        yield return Case("{product}", "", "action empty");
        yield return Case("{product}", "99", "action=99");
        yield return Case("abc", "publish", "ids=abc");
        yield return Case("99999999999", "publish", "ids beyond int");
        yield return Case("99999999", "archive", "ids of no product");
        yield return Case("-1", "delete", "ids=-1 delete");
        yield return Case("", "activate", "no ids");
    }

    [TestCaseSource(nameof(HostileBulkPosts))]
    public async Task Hostile_bulk_action_never_answers_500(string ids, string action)
    {
        var product = await CreateProductAsync();
        var page = await _staff.GetAsync("/admin/products");
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        var form = page.Document.Forms.First(f => (f.GetAttribute("action") ?? "").Contains("handler=Bulk", StringComparison.OrdinalIgnoreCase));
        var answer = await _staff.SubmitAsync(page, f =>
        {
            f.Without("ids");
            f.Add("ids", ids.Replace("{product}", IdOf(product).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            f.Set("action", action);
        }, form);
        AssertNo500(answer);
        if (answer.Status == HttpStatusCode.Redirect) AssertNo500(await _staff.GetAsync(answer.LocationPathAndQuery!));
    }
}
