using AutoMapper;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Shop.Application.Common;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Products.Commands;

/// <summary>
/// POST /api/products/bulk: 1 to 1000 create bodies, checked together and written in one transaction, all or
/// nothing. Errors name the item by its 0-based index (<c>[3].price</c>).
/// </summary>
public sealed record BulkCreateProducts(IReadOnlyList<CreateProduct?> Items) : IRequest<ProductBatchDto>
{
    public const int MaxItems = 1000;

    /// <summary>
    /// Items the host could not read at all (a value of the wrong JSON type), by index: the field within the item and
    /// what is wrong with it. Such an item is null in <see cref="Items"/>; it is reported with the other items' errors.
    /// </summary>
    public IReadOnlyDictionary<int, UnreadableField> UnreadableItems { get; init; } = new Dictionary<int, UnreadableField>();
}

/// <summary>A field of a bulk item that could not be read, as the API names it (<c>price</c>, <c>tags[0].weight</c>).</summary>
public sealed record UnreadableField(string Field, string Message);

/// <summary>The created products, in input order.</summary>
public sealed record ProductBatchDto(IReadOnlyList<ProductDto> Items);

public sealed class BulkCreateProductsValidator : AbstractValidator<BulkCreateProducts>
{
    // Each item obeys exactly the rules of a single create; only the keys get the item's index.
    private static readonly CreateProductValidator Item = new();

    public BulkCreateProductsValidator()
    {
        RuleFor(x => x.Items).Custom((items, context) =>
        {
            if (items is not { Count: > 0 and <= BulkCreateProducts.MaxItems })
            {
                context.AddFailure(new ValidationFailure("", $"Send a JSON array of 1 to {BulkCreateProducts.MaxItems} products."));
                return;
            }
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not { } item)
                {
                    context.AddFailure(context.InstanceToValidate.UnreadableItems.TryGetValue(i, out var unreadable)
                        ? new ValidationFailure($"[{i}].{unreadable.Field}", unreadable.Message)
                        : new ValidationFailure($"[{i}]", "Each item must be a product object."));
                    continue;
                }
                foreach (var failure in Item.Validate(item).Errors)
                    context.AddFailure(new ValidationFailure($"[{i}].{failure.PropertyName}", failure.ErrorMessage));
            }
        });
    }
}

public sealed class BulkCreateProductsHandler(
    IProductRepository products,
    ICategoryRepository categories,
    ITagRepository tags,
    IUnitOfWork unitOfWork,
    IMapper mapper,
    TimeProvider clock) : IRequestHandler<BulkCreateProducts, ProductBatchDto>
{
    public async Task<ProductBatchDto> Handle(BulkCreateProducts request, CancellationToken cancellationToken)
    {
        var items = request.Items.Select(i => i!).ToList();

        // One query per kind of reference, whatever the batch size: never a round trip per item.
        var categoryById = (await categories.GetManyAsync(items.Where(i => i.CategoryId is not null).Select(i => i.CategoryId!.Value).ToList(), cancellationToken))
            .ToDictionary(c => c.Id);
        var tagBySlug = (await tags.GetBySlugsAsync(items.SelectMany(i => i.Tags).Select(t => t.Slug!).Distinct(StringComparer.Ordinal).ToList(), cancellationToken))
            .ToDictionary(t => t.Slug, StringComparer.Ordinal);
        RefuseUnknownReferences(items, categoryById, tagBySlug);

        var existingSlugs = await products.ExistingSlugsAsync(
            items.Select(i => i.Slug.IsSet ? i.Slug.Value : AutoBase(i)).ToList(), cancellationToken);
        await RefuseTakenNamesAndSlugsAsync(items, existingSlugs, cancellationToken);
        var slugs = await ChooseSlugsAsync(items, existingSlugs.ToHashSet(StringComparer.Ordinal), fetchEveryFamily: false, skipFree: 0, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var created = new List<Product>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var product = Product.Create(item.Name!, slugs[i], item.Price!.Value, now, item.Status.GetValueOr(ProductStatus.Draft));
            product.SetContent(item, item.CategoryId is { } id ? categoryById[id] : null,
                item.Tags.Select(t => (tagBySlug[t.Slug!], t.Weight)).ToList());
            products.Add(product);
            created.Add(product);
        }

        // One SaveChanges: one transaction, and the provider batches the inserts. If a concurrent writer took one of
        // the chosen automatic slugs meanwhile, they are all chosen again (knowing every family this time) and retried.
        var anyAutoSlug = items.Any(i => !i.Slug.IsSet);
        await UniqueSlug.SaveChoosingAgainOnClashAsync(!anyAutoSlug, unitOfWork.SaveChangesAsync, async (skip, ct) =>
        {
            var taken = (await products.ExistingSlugsAsync(items.Where(i => i.Slug.IsSet).Select(i => i.Slug.Value).ToList(), ct))
                .ToHashSet(StringComparer.Ordinal);
            var again = await ChooseSlugsAsync(items, taken, fetchEveryFamily: true, skip, ct);
            for (var i = 0; i < items.Count; i++) created[i].ChangeSlug(again[i]);
        }, cancellationToken);

        return new ProductBatchDto(created.Select(mapper.Map<ProductDto>).ToList());
    }

    private static string AutoBase(CreateProduct item) => UniqueSlug.BaseFor(item.Name!, "product");

    private static void RefuseUnknownReferences(List<CreateProduct> items, Dictionary<int, Category> categoryById, Dictionary<string, Tag> tagBySlug)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].CategoryId is { } id && !categoryById.ContainsKey(id))
                errors[$"[{i}].categoryId"] = [$"There is no category with id {id}."];
            var unknown = items[i].Tags.Select(t => t.Slug!).Where(s => !tagBySlug.ContainsKey(s)).ToList();
            if (unknown.Count > 0) errors[$"[{i}].tags"] = [$"Unknown tag slug(s): {string.Join(", ", unknown)}."];
        }
        if (errors.Count > 0) throw new ValidationException(errors);
    }

    /// <summary>
    /// A name held by an active product, or used twice by active items of the batch, and a given slug already taken
    /// or given twice: 409, keyed by the item (for a repeat inside the batch, the later one).
    /// </summary>
    private async Task RefuseTakenNamesAndSlugsAsync(List<CreateProduct> items, IReadOnlyCollection<string> existingSlugs, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var active = items.Select((item, index) => (Key: Product.NameKeyOf(item.Name!), Index: index)).Where(x => items[x.Index].IsActive).ToList();
        var holders = await products.ActiveNameHoldersAsync(active.Select(x => x.Key).Distinct().ToList(), ct);
        var firstWithName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, i) in active)
        {
            var name = items[i].Name!.Trim();
            if (holders.ContainsKey(key)) errors[$"[{i}].name"] = [$"An active product named '{name}' already exists."];
            else if (!firstWithName.TryAdd(key, i)) errors[$"[{i}].name"] = [$"The name '{name}' is already used by item [{firstWithName[key]}] of this batch."];
        }

        var firstWithSlug = new Dictionary<string, int>(StringComparer.Ordinal);
        var taken = existingSlugs.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].Slug.IsSet) continue;
            var slug = items[i].Slug.Value;
            if (taken.Contains(slug)) errors[$"[{i}].slug"] = [$"The slug '{slug}' is already taken (by a product, or kept as a renamed product's old slug)."];
            else if (!firstWithSlug.TryAdd(slug, i)) errors[$"[{i}].slug"] = [$"The slug '{slug}' is already used by item [{firstWithSlug[slug]}] of this batch."];
        }
        if (errors.Count > 0) throw new ConflictException(errors);
    }

    /// <summary>
    /// Each item's slug: the given one, or one made from its name that is free both in the database and in the batch
    /// (<c>-2</c>, <c>-3</c>, … in input order). The <c>-N</c> families are read only for bases that can clash: taken
    /// already, or wanted by more than one item; <paramref name="fetchEveryFamily"/> reads them all (the retry).
    /// </summary>
    private async Task<string[]> ChooseSlugsAsync(List<CreateProduct> items, HashSet<string> taken, bool fetchEveryFamily, int skipFree, CancellationToken ct)
    {
        var given = items.Where(i => i.Slug.IsSet).Select(i => i.Slug.Value).ToHashSet(StringComparer.Ordinal);
        var bases = items.Select(i => i.Slug.IsSet ? null : AutoBase(i)).ToArray();
        var wanted = bases.OfType<string>().GroupBy(b => b, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var clashing = wanted.Keys.Where(b => fetchEveryFamily || taken.Contains(b) || given.Contains(b) || wanted[b] > 1).ToList();
        if (clashing.Count > 0) taken.UnionWith(await products.SlugsLikeAnyAsync(clashing, ct));
        taken.UnionWith(given);

        var slugs = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            slugs[i] = bases[i] is { } baseSlug ? UniqueSlug.FirstFree(baseSlug, taken, skipFree) : items[i].Slug.Value;
            taken.Add(slugs[i]);
        }
        return slugs;
    }
}
