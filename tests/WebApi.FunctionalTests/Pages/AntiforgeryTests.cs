using System.Net;
using Shop.WebApi.FunctionalTests.Infrastructure;

namespace Shop.WebApi.FunctionalTests.Pages;

/// <summary>Every form is protected against cross-site request forgery: a POST without a valid token is a 400 and changes nothing.</summary>
public sealed class AntiforgeryTests(string provider) : PageTestBase(provider)
{
    private PageClient _staff = null!;

    [OneTimeSetUp]
    public async Task SignInStaffAsync() => _staff = await SignedInAsync(staff: true);

    [OneTimeTearDown]
    public void DisposeStaff() => _staff?.Dispose();

    private async Task<bool> ExistsAsync(int id)
    {
        using var response = await GetAsync($"/api/products/{id}", StaffToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// Opens the page (so the antiforgery cookie is there, as in a real attack on a signed-in browser), then submits its
    /// form without the token.
    /// </summary>
    private async Task<PageAnswer> SubmitWithoutTokenAsync(PageClient client, string url, Action<FormFields>? fill = null)
    {
        var page = await client.GetAsync(url);
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Describe());
        return await client.SubmitAsync(page, f =>
        {
            fill?.Invoke(f);
            f.Without(TokenField);
        });
    }

    [Test]
    public async Task Login_post_without_token_is_400_and_signs_nobody_in()
    {
        var userName = Unique("csrf");
        await Factory.CreateUserAsync(userName, Password, isStaff: true);
        using var visitor = NewVisitor();

        var answer = await SubmitWithoutTokenAsync(visitor, "/accounts/login", f => f.Set("Username", userName).Set("Password", Password));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That(visitor.HasCookie("shop.auth"), Is.False);
    }

    [Test]
    public async Task Logout_post_without_token_is_400_and_keeps_the_user_signed_in()
    {
        using var client = await SignedInAsync(staff: true);
        var answer = await client.PostAsync("/accounts/logout", []);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That((await client.GetAsync("/products/new")).Status, Is.EqualTo(HttpStatusCode.OK), "still signed in");
    }

    [Test]
    public async Task New_product_post_without_token_is_400_and_creates_nothing()
    {
        var name = Unique("Forged ");
        var answer = await SubmitWithoutTokenAsync(_staff, "/products/new", f => f.Set("Form.Name", name).Set("Form.Price", "1"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        var list = await ListAsync($"/api/products?search={Uri.EscapeDataString(name)}", StaffToken);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task Edit_post_without_token_is_400_and_changes_nothing()
    {
        var product = await CreateProductAsync();
        var answer = await SubmitWithoutTokenAsync(_staff, $"/products/{SlugOf(product)}/edit", f => f.Set("Form.Name", Unique("Forged ")));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["name"]!.GetValue<string>(), Is.EqualTo(NameOf(product)));
    }

    [Test]
    public async Task Delete_post_without_token_is_400_and_deletes_nothing()
    {
        var product = await CreateProductAsync();
        var answer = await SubmitWithoutTokenAsync(_staff, $"/products/{SlugOf(product)}/delete");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That(await ExistsAsync(IdOf(product)), Is.True);
    }

    [Test]
    public async Task Delete_post_with_a_token_of_another_session_is_400_and_deletes_nothing()
    {
        var product = await CreateProductAsync();
        using var other = await SignedInAsync(staff: true);
        var othersPage = await other.GetAsync($"/products/{SlugOf(product)}/delete");
        var othersToken = FieldsOf(MainPostForm(othersPage.Document)).First(f => f.Key == TokenField).Value;

        var page = await _staff.GetAsync($"/products/{SlugOf(product)}/delete");
        var answer = await _staff.SubmitAsync(page, f => f.Set(TokenField, othersToken));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That(await ExistsAsync(IdOf(product)), Is.True);
    }

    [Test]
    public async Task Admin_bulk_post_without_token_is_400_and_changes_nothing()
    {
        var product = await CreateProductAsync();
        var id = IdOf(product).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _staff.GetAsync("/admin/products");
        var answer = await _staff.PostAsync("/admin/products?handler=Bulk", [new("ids", id), new("action", "publish")]);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That((await GetProductAsStaffAsync(IdOf(product)))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task Admin_bulk_delete_confirmation_post_without_token_is_400_and_deletes_nothing()
    {
        var product = await CreateProductAsync();
        var answer = await SubmitWithoutTokenAsync(_staff, $"/admin/products/delete?ids={IdOf(product)}");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        Assert.That(await ExistsAsync(IdOf(product)), Is.True);
    }

    [Test]
    public async Task Admin_category_forms_without_token_are_400_and_change_nothing()
    {
        var category = await CreateCategoryAsync();
        var created = await SubmitWithoutTokenAsync(_staff, "/admin/categories/new", f => f.Set("Name", Unique("Forged ")));
        var deleted = await SubmitWithoutTokenAsync(_staff, $"/admin/categories/{IdOf(category)}/delete");
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.BadRequest), created.Describe());
        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.BadRequest), deleted.Describe());
        using var response = await GetAsync($"/api/categories/{IdOf(category)}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the category is still there");
    }

    [Test]
    public async Task Admin_tag_delete_without_token_is_400_and_deletes_nothing()
    {
        var tag = await CreateTagAsync();
        var answer = await SubmitWithoutTokenAsync(_staff, $"/admin/tags/{IdOf(tag)}/delete");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Describe());
        using var response = await GetAsync($"/api/tags/{IdOf(tag)}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the tag is still there");
    }
}
