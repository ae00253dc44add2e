using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Categories;
using Shop.Domain.Common;
using Shop.Domain.Products;
using Shop.Domain.Tags;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Products.Commands;

/// <summary>
/// The CLI's <c>import-products</c>: creates or updates products by slug from rows of the export format, all or
/// nothing. Every bad row is reported (keyed <c>line N</c>, the row's line in the file) and then nothing is written.
/// Sized for files of a million rows: the checks use slugs and name keys only, and the writes go a chunk at a time
/// inside one transaction.
/// </summary>
public sealed record ImportProducts(IReadOnlyList<ProductImportRow> Rows) : IRequest<ImportOutcome>
{
    /// <summary>
    /// Told how many rows have been applied so far (the CLI's progress bar). Each chunk is saved as soon as its rows
    /// are applied, so the count runs at most one chunk ahead of what is written.
    /// </summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Rows loaded, changed and saved together; the change tracker is emptied between chunks.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    public const int DefaultChunkSize = 2000;
}

/// <summary>A row of the file as parsed: a full product write matched by its (required) slug, the category by slug.</summary>
public sealed record ProductImportRow : ProductInput
{
    public int Line { get; init; }
    public string? Category { get; init; }

    /// <summary>The slug the row is matched by; only valid rows are applied, and every valid row has one.</summary>
    public string Key => Slug.Value;
}

public sealed record ImportOutcome(int Created, int Updated);

public sealed class ProductImportRowValidator : AbstractValidator<ProductImportRow>
{
    public ProductImportRowValidator()
    {
        Include(ProductInputValidator.Instance);
        RuleFor(x => x.Slug.Value).NotEmpty().WithMessage("The slug is required (rows are matched by slug).").OverridePropertyName("slug");
    }
}

public sealed class ImportProductsValidator : AbstractValidator<ImportProducts>
{
    private static readonly ProductImportRowValidator Row = new();

    public ImportProductsValidator()
    {
        RuleFor(x => x.ChunkSize).GreaterThan(0);
        RuleFor(x => x.Rows).Custom((rows, context) =>
        {
            if (rows.Count == 0) context.AddFailure(new ValidationFailure("", "The file has no product rows."));
            foreach (var row in rows)
                foreach (var failure in Row.Validate(row).Errors)
                    context.AddFailure(new ValidationFailure(ImportProductsHandler.KeyOf(row.Line), failure.ErrorMessage));
        });
    }
}

public sealed class ImportProductsHandler(
    IProductRepository products,
    ICategoryRepository categories,
    ITagRepository tags,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : IRequestHandler<ImportProducts, ImportOutcome>
{
    public static string KeyOf(int line) => "line " + line.ToString(CultureInfo.InvariantCulture);

    public async Task<ImportOutcome> Handle(ImportProducts request, CancellationToken cancellationToken)
    {
        var rows = request.Rows;
        var errors = new SortedDictionary<int, List<string>>();

        // First every check that needs only slugs and name keys, with one query per kind of reference.
        var holders = await CheckAsync(rows, errors, cancellationToken);
        ThrowIfAny(errors);

        // Then the writes, a chunk at a time in one transaction: a chunk's products are loaded, changed, saved and
        // forgotten, so memory stays flat; a failure anywhere (a rule only the loaded product can tell, or a clash the
        // checks could not see, like a concurrent writer) rolls every chunk back.
        return await unitOfWork.InTransactionAsync(async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            int created = 0, updated = 0, applied = 0;
            foreach (var chunk in WriteOrder(rows, holders).SelectMany(step => step.Chunk(request.ChunkSize)))
            {
                var existing = (await products.GetBySlugsAsync(chunk.Select(r => r.Key).ToList(), ct)).ToDictionary(p => p.Slug, StringComparer.Ordinal);
                // Loaded per chunk: the previous chunk's categories and tags were forgotten with it.
                var categoryBySlug = await CategoriesAsync(chunk, ct);
                var tagBySlug = await TagsAsync(chunk, ct);
                foreach (var row in chunk)
                {
                    try
                    {
                        if (Apply(row, existing.GetValueOrDefault(row.Key), categoryBySlug, tagBySlug, now)) created++;
                        else updated++;
                    }
                    catch (DomainException ex)
                    {
                        Bad(errors, row, ex.Message);
                    }
                    request.Progress?.Report(++applied);
                }
                // Once a row is bad nothing will be committed: the remaining chunks are only checked, so that every
                // bad row is still reported.
                if (errors.Count == 0) await unitOfWork.SaveChangesAsync(ct);
                unitOfWork.ForgetTracked();
            }
            ThrowIfAny(errors);
            return new ImportOutcome(created, updated);
        }, cancellationToken);
    }

    private async Task<Dictionary<string, Category>> CategoriesAsync(IEnumerable<ProductImportRow> rows, CancellationToken cancellationToken)
    {
        var slugs = Distinct(rows.Where(r => !string.IsNullOrEmpty(r.Category)).Select(r => r.Category!));
        var found = slugs.Count == 0 ? [] : await categories.GetBySlugsAsync(slugs, cancellationToken);
        return found.ToDictionary(c => c.Slug, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, Tag>> TagsAsync(IEnumerable<ProductImportRow> rows, CancellationToken cancellationToken)
    {
        var slugs = Distinct(rows.SelectMany(r => r.Tags).Select(t => t.Slug!));
        var found = slugs.Count == 0 ? [] : await tags.GetBySlugsAsync(slugs, cancellationToken);
        return found.ToDictionary(t => t.Slug, StringComparer.Ordinal);
    }

    /// <summary>The file-wide checks; returns who holds the file's active names now (name key → slug).</summary>
    private async Task<IReadOnlyDictionary<string, string>> CheckAsync(
        IReadOnlyList<ProductImportRow> rows, SortedDictionary<int, List<string>> errors, CancellationToken cancellationToken)
    {
        var knownCategories = (await CategoriesAsync(rows, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var knownTags = (await TagsAsync(rows, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var holders = await products.ActiveNameHoldersAsync(Distinct(rows.Where(r => r.IsActive).Select(r => Product.NameKeyOf(r.Name!))), cancellationToken);

        var slugsInFile = rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var lineOfSlug = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!string.IsNullOrEmpty(row.Category) && !knownCategories.Contains(row.Category)) Bad(errors, row, $"Unknown category '{row.Category}'.");
            var unknownTags = row.Tags.Select(t => t.Slug!).Where(s => !knownTags.Contains(s)).ToList();
            if (unknownTags.Count > 0) Bad(errors, row, $"Unknown tag slug(s): {string.Join(", ", unknownTags)}.");
            if (!lineOfSlug.TryAdd(row.Key, row.Line)) Bad(errors, row, $"The slug '{row.Slug}' is already on line {lineOfSlug[row.Key]}.");
            if (!row.IsActive) continue;
            var key = Product.NameKeyOf(row.Name!);
            if (!lineOfName.TryAdd(key, row.Line)) Bad(errors, row, $"The name '{row.Name!.Trim()}' is already on line {lineOfName[key]}.");
            // A product of the file may give its name to another one of the file; only products left alone keep theirs.
            else if (holders.TryGetValue(key, out var holder) && !slugsInFile.Contains(holder))
                Bad(errors, row, $"An active product named '{row.Name!.Trim()}' already exists (slug '{holder}').");
        }
        return holders;
    }

    /// <summary>
    /// The rows as steps saved one after the other: a row taking the active name of another product of the file
    /// comes a step after that product's row, which gives the name up, whatever the chunks. Almost always there is
    /// one step, the file in its order.
    /// </summary>
    private static IEnumerable<IEnumerable<ProductImportRow>> WriteOrder(IReadOnlyList<ProductImportRow> rows, IReadOnlyDictionary<string, string> holders)
    {
        var rowOfSlug = rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
        ProductImportRow? GiverOf(ProductImportRow row) =>
            row.IsActive && holders.TryGetValue(Product.NameKeyOf(row.Name!), out var holder) && holder != row.Key
                ? rowOfSlug.GetValueOrDefault(holder)
                : null;
        if (!rows.Any(r => GiverOf(r) is not null)) return [rows];

        var stepOf = new Dictionary<ProductImportRow, int>(ReferenceEqualityComparer.Instance);
        int StepOf(ProductImportRow row)
        {
            // Follows the givers to a row that takes no name (step 0) or one already placed. A ring of products
            // passing names around cannot be saved in any order: it is cut anywhere and the unique index refuses it.
            var chain = new List<ProductImportRow>();
            var next = 0;
            for (var current = row; current is not null; current = GiverOf(current))
            {
                if (stepOf.TryGetValue(current, out var placed))
                {
                    next = placed + 1;
                    break;
                }
                if (chain.Contains(current, ReferenceEqualityComparer.Instance)) break;
                chain.Add(current);
            }
            for (var i = chain.Count - 1; i >= 0; i--) stepOf[chain[i]] = next++;
            return stepOf[row];
        }
        return rows.GroupBy(StepOf).OrderBy(step => step.Key);
    }

    /// <summary>Applies the row to its product, or to a new one; true when the product is new.</summary>
    private bool Apply(ProductImportRow row, Product? product, Dictionary<string, Category> categoryBySlug, Dictionary<string, Tag> tagBySlug, DateTime now)
    {
        var isNew = product is null;
        if (product is null)
        {
            product = Product.Create(row.Name!, row.Key, row.Price!.Value, now, row.Status.GetValueOr(ProductStatus.Draft));
        }
        else
        {
            product.Rename(row.Name!);
            product.ChangePrice(row.Price!.Value);
            // A row is the whole product, as a file row always is: no status means draft, for an update too.
            product.MoveTo(row.Status.GetValueOr(ProductStatus.Draft), now);
        }
        product.SetContent(row, string.IsNullOrEmpty(row.Category) ? null : categoryBySlug[row.Category],
            row.Tags.Select(t => (tagBySlug[t.Slug!], t.Weight)).ToList());
        if (isNew) products.Add(product);
        return isNew;
    }

    private static List<string> Distinct(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).ToList();

    private static void Bad(SortedDictionary<int, List<string>> errors, ProductImportRow row, string message)
    {
        if (!errors.TryGetValue(row.Line, out var list)) errors[row.Line] = list = [];
        list.Add(message);
    }

    private static void ThrowIfAny(SortedDictionary<int, List<string>> errors)
    {
        if (errors.Count > 0) throw new ValidationException(errors.ToDictionary(e => KeyOf(e.Key), e => e.Value.ToArray()));
    }
}
