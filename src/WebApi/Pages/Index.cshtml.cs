using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Application.Categories;
using Shop.Application.Categories.Queries;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Queries;

namespace Shop.WebApi.Pages;

/// <summary>The storefront: visible products, 10 a page, searchable and filterable by category.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public const int PageSize = 10;

    public PagedList<ProductListItemDto> Products { get; private set; } = new([], 1, PageSize, 0);
    public IReadOnlyList<CategoryDto> Categories { get; private set; } = [];
    public string? Q { get; private set; }
    public string? Category { get; private set; }
    public string? Error { get; private set; }

    // Query values are read as text and parsed leniently: whatever is typed in the address bar, the page renders.
    public async Task OnGetAsync([FromQuery] string? q, [FromQuery] string? category, [FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        var number = int.TryParse(page, out var n) && n > 0 ? n : 1;
        Categories = (await mediator.Send(new ListCategories(1, Paging.MaxPageSize), ct)).Items;
        try
        {
            Products = await mediator.Send(new ListProducts(Search: Q, Category: Category, Page: number, PageSize: PageSize), ct);
        }
        catch (ValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
    }

    public string PageUrl(int page) =>
        QueryString.Create(new[]
        {
            new KeyValuePair<string, string?>("q", Q),
            new KeyValuePair<string, string?>("category", Category),
            new KeyValuePair<string, string?>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }.Where(kv => kv.Value is not null)).ToUriComponent();
}
