using System.Globalization;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Imports;
using Shop.Domain.Products;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Products.Commands;

/// <summary>
/// The CLI's <c>import-products</c>: creates or updates products by slug from rows of the export format, all or
/// nothing. Every bad row is reported (keyed <c>line N</c>, the row's line in the file) and then nothing is written.
/// The rows stream through: each is checked on its own as it passes (the same field rules as a create) and staged
/// by <see cref="IProductImportStore"/>, which checks the rules that need the whole file or the catalog and applies
/// the file in one transaction, so a file of a million rows is never held in memory.
/// </summary>
public sealed record ImportProducts(IAsyncEnumerable<ProductImportRow> Rows) : IRequest<ImportOutcome>
{
    /// <summary>Told when a step after reading the rows (checking, writing) moves on (the CLI's progress display).</summary>
    public IProgress<ImportProgress>? Progress { get; init; }
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

public sealed class ImportProductsHandler(IProductImportStore store, TimeProvider clock) : IRequestHandler<ImportProducts, ImportOutcome>
{
    private static readonly ProductImportRowValidator RowValidator = new();

    public static string KeyOf(int line) => "line " + line.ToString(CultureInfo.InvariantCulture);

    public async Task<ImportOutcome> Handle(ImportProducts request, CancellationToken cancellationToken)
    {
        var errors = new SortedDictionary<int, List<(string? Field, string Message)>>();
        // Disposed without ApplyAsync (a bad row, an exception, Ctrl+C), the import rolls back: nothing is written.
        await using var import = await store.BeginAsync(cancellationToken);
        var staged = await import.StageAsync(CheckedOneByOne(request.Rows, errors, cancellationToken), cancellationToken);
        if (staged == 0 && errors.Count == 0) throw new ValidationException("", "The file has no product rows.");

        // The file-wide rules run even when some rows were bad on their own, so that one run reports as much as it can.
        foreach (var problem in await import.CheckAsync(request.Progress, cancellationToken)) Bad(errors, problem.Line, FieldOf(problem), Describe(problem));
        ThrowIfAny(errors);

        return await import.ApplyAsync(clock.GetUtcNow().UtcDateTime, request.Progress, cancellationToken);
    }

    /// <summary>The rows that pass the field rules; the others are noted by line and left out of the staging area.</summary>
    private static async IAsyncEnumerable<ProductImportRow> CheckedOneByOne(
        IAsyncEnumerable<ProductImportRow> rows, SortedDictionary<int, List<(string? Field, string Message)>> errors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var result = RowValidator.Validate(row);
            if (!result.IsValid)
            {
                foreach (var failure in result.Errors) Bad(errors, row.Line, FieldPath.ToCamelCase(failure.PropertyName), failure.ErrorMessage);
                continue;
            }
            yield return row;
        }
    }

    private static string Describe(StagedRowProblem problem) => problem switch
    {
        UnknownCategory p => $"Unknown category '{p.Slug}'.",
        UnknownTags p => $"Unknown tag slug(s): {string.Join(", ", p.Slugs)}.",
        RepeatedSlug p => $"The slug '{p.Slug}' is already on line {p.FirstLine}.",
        RepeatedName p => $"The name '{p.Name}' is already on line {p.FirstLine}.",
        NameTaken p => $"An active product named '{p.Name}' already exists (slug '{p.HolderSlug}').",
        SlugKeptAsRedirect p => $"The slug '{p.Slug}' is kept as a redirect to the renamed product now at '{p.HolderSlug}'; choose another.",
        StatusMoveRefused p => ProductStatusMoves.Refusal(p.From, p.To),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "A problem the import does not know how to word."),
    };

    private static string FieldOf(StagedRowProblem problem) => problem switch
    {
        UnknownCategory => "category",
        UnknownTags => "tags",
        RepeatedSlug => "slug",
        RepeatedName or NameTaken => "name",
        _ => "status",
    };

    private static void Bad(SortedDictionary<int, List<(string? Field, string Message)>> errors, int line, string? field, string message)
    {
        if (!errors.TryGetValue(line, out var list)) errors[line] = list = [];
        list.Add((string.IsNullOrEmpty(field) ? null : field, message));
    }

    private static void ThrowIfAny(SortedDictionary<int, List<(string? Field, string Message)>> errors)
    {
        if (errors.Count == 0) return;
        throw new ValidationException(errors.ToDictionary(e => KeyOf(e.Key), e => e.Value.Select(m => m.Message).ToArray()))
        {
            Rows = [.. errors.SelectMany(e => e.Value.Select(m => new ImportRowError(e.Key, m.Field, m.Message)))],
        };
    }
}
