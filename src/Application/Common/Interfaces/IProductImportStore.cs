using Shop.Application.Products.Commands;
using Shop.Domain.Products;

namespace Shop.Application.Common.Interfaces;

/// <summary>
/// Where <c>import-products</c> loads a file of any size: one database transaction holding a staging area. The rows
/// stream in and are not kept in memory; the rules that need the whole file or the catalog are checked against the
/// staging area by the database; the rows are then applied by a few set-based statements and committed once.
/// </summary>
public interface IProductImportStore
{
    /// <summary>Opens the transaction and an empty staging area. Disposing the import without <see cref="IProductImport.ApplyAsync"/> rolls back.</summary>
    Task<IProductImport> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>One import in progress (see <see cref="IProductImportStore"/>).</summary>
public interface IProductImport : IAsyncDisposable
{
    /// <summary>Adds the rows to the staging area as they arrive (rows already checked one by one); returns how many.</summary>
    Task<int> StageAsync(IAsyncEnumerable<ProductImportRow> rows, CancellationToken cancellationToken);

    /// <summary>The file-wide rules over the staged rows and the catalog: every broken one, by line, in line order.</summary>
    Task<IReadOnlyList<StagedRowProblem>> CheckAsync(IProgress<ImportProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the staged rows' new products and updates the known ones (stamping only those that change), then commits.
    /// A row the database still refuses (a writer that came in between) fails it all with a conflict.
    /// </summary>
    Task<ImportOutcome> ApplyAsync(DateTime now, IProgress<ImportProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>A file-wide rule that a staged row breaks; the handler words it.</summary>
public abstract record StagedRowProblem(int Line);

/// <summary>The row names a category slug that no category has.</summary>
public sealed record UnknownCategory(int Line, string Slug) : StagedRowProblem(Line);

/// <summary>The row names tag slugs that no tag has (in the row's order).</summary>
public sealed record UnknownTags(int Line, IReadOnlyList<string> Slugs) : StagedRowProblem(Line);

/// <summary>An earlier row of the file has the same slug.</summary>
public sealed record RepeatedSlug(int Line, string Slug, int FirstLine) : StagedRowProblem(Line);

/// <summary>An earlier active row of the file has the same name (ignoring case).</summary>
public sealed record RepeatedName(int Line, string Name, int FirstLine) : StagedRowProblem(Line);

/// <summary>An active product that the file leaves alone holds the row's name.</summary>
public sealed record NameTaken(int Line, string Name, string HolderSlug) : StagedRowProblem(Line);

/// <summary>The row would create a product with a slug kept as the redirect of a renamed product (now at <c>HolderSlug</c>).</summary>
public sealed record SlugKeptAsRedirect(int Line, string Slug, string HolderSlug) : StagedRowProblem(Line);

/// <summary>The row moves a known product to a status the workflow does not allow from its current one.</summary>
public sealed record StatusMoveRefused(int Line, ProductStatus From, ProductStatus To) : StagedRowProblem(Line);

/// <summary>How far an import has got: a step (<c>checking</c>, <c>writing</c>) and its statements done out of its total.</summary>
public sealed record ImportProgress(string Step, int Done, int Total);
