using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Categories;
using Shop.Application.Categories.Queries;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;
using Shop.WebApi.Web;

namespace Shop.WebApi.Pages.Admin.Products;

/// <summary>
/// The products changelist, like the Django admin's: filters, search, sortable columns, paging and bulk
/// actions on checked rows. Query values are parsed leniently: a bad one is ignored, never a 500.
/// </summary>
public sealed class AdminProductsModel(IMediator mediator) : PageModel
{
    public const int PageSize = 20;

    public PagedList<ProductListItemDto> Products { get; private set; } = new([], 1, PageSize, 0);
    public IReadOnlyList<CategoryDto> Categories { get; private set; } = [];
    public AdminProductFilter Filter { get; private set; } = AdminProductFilter.Read(null, null, null, null, null, null);
    public string? Sort { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(
        [FromQuery] string? q, [FromQuery] string? status, [FromQuery] string? active, [FromQuery] string? category,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? sort, [FromQuery(Name = "page")] string? page,
        CancellationToken ct)
    {
        Filter = AdminProductFilter.Read(q, status, active, category, from, to);
        Sort = ListProducts.StaffOrderings.Contains(sort) ? sort : null;
        var number = int.TryParse(page, out var n) && n > 0 ? n : 1;

        Categories = (await mediator.Send(new ListCategories(1, Paging.MaxPageSize), ct)).Items;
        try
        {
            Products = await mediator.Send(new ListProducts(
                Search: Filter.Q, Category: Filter.Category, Status: Filter.Status, IsActive: Filter.Active, Ordering: Sort,
                CreatedFrom: Filter.From, CreatedTo: Filter.To, Page: number, PageSize: PageSize), ct);
        }
        catch (ValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
    }

    public async Task<IActionResult> OnPostBulkAsync([FromForm] string[]? ids, [FromForm] string? action, [FromForm] string? back, CancellationToken ct)
    {
        var selected = (ids ?? []).Select(i => int.TryParse(i, out var id) ? id : 0).Where(id => id > 0).Distinct().ToArray();
        var local = LocalUrl.OrFallback(back, "/admin/products");
        var returnTo = local.StartsWith("/admin/products", StringComparison.Ordinal) ? local : "/admin/products";
        if (selected.Length == 0 || !Enum.TryParse<ProductAction>(action, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
        {
            TempData["Flash"] = "Choose an action and check at least one product.";
            return LocalRedirect(returnTo);
        }
        if (chosen == ProductAction.Delete)
            return LocalRedirect("/admin/products/delete" + QueryString.Create(selected.Select(id => new KeyValuePair<string, string?>("ids", id.ToString(CultureInfo.InvariantCulture)))));

        var outcome = await mediator.Send(new ApplyToProducts(selected, chosen), ct);
        TempData["Flash"] = Summary(outcome, chosen);
        return LocalRedirect(returnTo);
    }

    public static string Summary(BulkOutcome outcome, ProductAction action)
    {
        var verb = action switch
        {
            ProductAction.Publish => "published",
            ProductAction.Archive => "archived",
            ProductAction.Activate => "activated",
            ProductAction.Deactivate => "deactivated",
            _ => "deleted",
        };
        var text = $"{outcome.Changed} product{(outcome.Changed == 1 ? "" : "s")} {verb}.";
        return outcome.Skipped.Count == 0 ? text : $"{text} Skipped: {string.Join("; ", outcome.Skipped)}";
    }

    /// <summary>This page's URL with some query values replaced (null removes one); paging restarts unless given.</summary>
    public string Link(string? sort = null, int? page = null)
    {
        var values = Filter.Values.Concat([new("sort", sort ?? Sort), new("page", page?.ToString(CultureInfo.InvariantCulture))]);
        return "/admin/products" + QueryString.Create(values.Where(kv => kv.Value is not null));
    }

    /// <summary>The bulk price change of the products these filters pick (all of them, not only the page's).</summary>
    public string PricesLink => "/admin/products/prices" + QueryString.Create(Filter.Values);

    /// <summary>The sort link of a column: ascending first, then descending.</summary>
    public string SortLink(string field) => Link(sort: Sort == field ? "-" + field : field);

    public string SortMark(string field) => Sort == field ? " ▲" : Sort == "-" + field ? " ▼" : "";
}
