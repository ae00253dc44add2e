using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Shop.Application.Common.Validation;
using FluentValidation.Results;
using MediatR;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Common;
using Shop.Domain.Products;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Products.Commands;

/// <summary>
/// The CLI's <c>import-products</c>: creates or updates products by slug from rows of the export format, all or
/// nothing. Every bad row is reported (keyed <c>line N</c>, the row's line in the file) and then nothing is written.
/// </summary>
public sealed record ImportProducts(IReadOnlyList<ProductImportRow> Rows) : IRequest<ImportOutcome>
{
    /// <summary>Told how many rows have been applied so far (the CLI's progress bar).</summary>
    public IProgress<int>? Progress { get; init; }
}

/// <summary>A row of the file as parsed: what a create or replace carries, with references by slug.</summary>
public sealed record ProductImportRow
{
    public int Line { get; init; }
    public string? Name { get; init; }
    public string? Slug { get; init; }
    public string Description { get; init; } = "";
    public decimal? Price { get; init; }
    public bool IsActive { get; init; } = true;
    public ProductStatus Status { get; init; } = ProductStatus.Draft;
    public string? Category { get; init; }
    public IReadOnlyList<TagInput> Tags { get; init; } = [];
    public JsonElement Specs { get; init; }
}

public sealed record ImportOutcome(int Created, int Updated);

public sealed class ProductImportRowValidator : AbstractValidator<ProductImportRow>
{
    public ProductImportRowValidator()
    {
        RuleFor(x => x.Name).ProductName();
        RuleFor(x => x.Description).NoNul();
        RuleFor(x => x.Slug).NotEmpty().WithMessage("The slug is required (rows are matched by slug).");
        RuleFor(x => x.Slug).SlugFormat().When(x => !string.IsNullOrEmpty(x.Slug));
        RuleFor(x => x.Price).NotNull().WithMessage("The price is required.");
        RuleFor(x => x.Price!.Value).ProductPrice().When(x => x.Price is not null).OverridePropertyName("price");
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Tags).TagInputs();
        RuleFor(x => x.Specs).SpecsObject();
    }
}

public sealed class ImportProductsValidator : AbstractValidator<ImportProducts>
{
    private static readonly ProductImportRowValidator Row = new();

    public ImportProductsValidator()
    {
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
        void Bad(ProductImportRow row, string message)
        {
            if (!errors.TryGetValue(row.Line, out var list)) errors[row.Line] = list = [];
            list.Add(message);
        }

        // One query per kind of reference, whatever the file size.
        var categoryBySlug = (await categories.GetBySlugsAsync(rows.Where(r => !string.IsNullOrEmpty(r.Category)).Select(r => r.Category!).ToList(), cancellationToken))
            .ToDictionary(c => c.Slug, StringComparer.Ordinal);
        var tagBySlug = (await tags.GetBySlugsAsync(rows.SelectMany(r => r.Tags).Select(t => t.Slug!).Distinct(StringComparer.Ordinal).ToList(), cancellationToken))
            .ToDictionary(t => t.Slug, StringComparer.Ordinal);
        var existing = (await products.GetBySlugsAsync(rows.Select(r => r.Slug!).ToList(), cancellationToken))
            .ToDictionary(p => p.Slug, StringComparer.Ordinal);
        var activeRows = rows.Where(r => r.IsActive).ToList();
        var holders = await products.ActiveNameHoldersAsync(activeRows.Select(r => Product.NameKeyOf(r.Name!)).Distinct().ToList(), cancellationToken);

        var slugsInFile = rows.Select(r => r.Slug!).ToHashSet(StringComparer.Ordinal);
        var lineOfSlug = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!string.IsNullOrEmpty(row.Category) && !categoryBySlug.ContainsKey(row.Category)) Bad(row, $"Unknown category '{row.Category}'.");
            var unknownTags = row.Tags.Select(t => t.Slug!).Where(s => !tagBySlug.ContainsKey(s)).ToList();
            if (unknownTags.Count > 0) Bad(row, $"Unknown tag slug(s): {string.Join(", ", unknownTags)}.");
            if (!lineOfSlug.TryAdd(row.Slug!, row.Line)) Bad(row, $"The slug '{row.Slug}' is already on line {lineOfSlug[row.Slug!]}.");
            if (!row.IsActive) continue;
            var key = Product.NameKeyOf(row.Name!);
            if (!lineOfName.TryAdd(key, row.Line)) Bad(row, $"The name '{row.Name!.Trim()}' is already on line {lineOfName[key]}.");
            // A product of the file may give its name to another one of the file; only products left alone keep theirs.
            else if (holders.TryGetValue(key, out var holder) && !slugsInFile.Contains(holder))
                Bad(row, $"An active product named '{row.Name!.Trim()}' already exists (slug '{holder}').");
        }
        ThrowIfAny(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, done = 0;
        foreach (var row in rows)
        {
            try
            {
                var isNew = !existing.TryGetValue(row.Slug!, out var product);
                if (product is null)
                {
                    product = Product.Create(row.Name!, row.Slug!, row.Price!.Value, now, row.Status);
                }
                else
                {
                    product.Rename(row.Name!);
                    product.ChangePrice(row.Price!.Value);
                    product.MoveTo(row.Status, now);
                }
                product.Describe(row.Description);
                product.SetActive(row.IsActive);
                product.AssignCategory(string.IsNullOrEmpty(row.Category) ? null : categoryBySlug[row.Category]);
                product.SetTags(row.Tags.Select(t => (tagBySlug[t.Slug!], t.Weight)).ToList());
                product.SetSpecs(ProductRules.SpecsText(row.Specs));
                if (isNew)
                {
                    products.Add(product);
                    created++;
                }
                else
                {
                    updated++;
                }
            }
            catch (DomainException ex)
            {
                Bad(row, ex.Message);
            }
            request.Progress?.Report(++done);
        }
        ThrowIfAny(errors);

        // One SaveChanges: one transaction, so a clash the checks above could not see (a concurrent writer) still
        // leaves the catalog as it was.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new ImportOutcome(created, updated);
    }

    private static void ThrowIfAny(SortedDictionary<int, List<string>> errors)
    {
        if (errors.Count > 0) throw new ValidationException(errors.ToDictionary(e => KeyOf(e.Key), e => e.Value.ToArray()));
    }
}
