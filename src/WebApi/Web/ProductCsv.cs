using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Products.Commands;
using Shop.Application.Products.Queries;
using Shop.Domain.Products;

namespace Shop.WebApi.Web;

/// <summary>
/// The products CSV: what <c>GET /api/products/export.csv</c> writes and <c>import-products</c> reads. A header row,
/// then one product per record; money as plain numbers, times as ISO-8601 UTC, references by slug, tags as
/// <c>slug:weight|slug:weight</c>, specs as JSON text.
/// </summary>
public static class ProductCsv
{
    public static readonly string[] Columns =
        ["id", "name", "slug", "description", "price", "isActive", "status", "publishedAt", "createdAt", "updatedAt", "category", "tags", "specs"];

    // Rows go out in chunks: the client sees data early and the server never holds more than a chunk.
    private const int FlushEvery = 500;

    // Injection is handled by Text/Untext below (lossless both ways), so the writer's own escaping stays off.
    private static readonly CsvWriterOptions WriterOptions = new() { FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.None };

    private static readonly CsvReaderOptions ReaderOptions = new()
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes the header and every row to <paramref name="output"/> as the rows arrive (only async writes).</summary>
    public static async Task WriteAsync(IAsyncEnumerable<ProductExportRow> rows, Stream output, CancellationToken ct)
    {
        // UTF-8 straight into the response body; the writer only does I/O in the async calls, never blocking Kestrel.
        await using var csv = CsvWriter.Create(output, WriterOptions, leaveOpen: true);
        foreach (var column in Columns) csv.WriteField(column);
        await csv.EndRecordAsync(ct);
        var n = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Text(row.Name));
            csv.WriteField(Text(row.Slug));
            csv.WriteField(Text(row.Description));
            csv.WriteField(row.Price.ToString("0.##", CultureInfo.InvariantCulture));
            csv.WriteField(row.IsActive ? "true" : "false");
            csv.WriteField(row.Status.ToString().ToLowerInvariant());
            csv.WriteField(Time(row.PublishedAt));
            csv.WriteField(Time(row.CreatedAt));
            csv.WriteField(Time(row.UpdatedAt));
            csv.WriteField(Text(row.Category ?? ""));
            csv.WriteField(Text(row.Tags));
            csv.WriteField(Text(row.Specs));
            await csv.EndRecordAsync(ct);
            if (++n % FlushEvery == 0) await csv.FlushAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    /// <summary>
    /// Spreadsheet formula injection: a cell starting with <c>= + - @</c>, tab or CR would be run as a formula by
    /// Excel or LibreOffice, so it gets a leading <c>'</c>. A cell that itself starts with <c>'</c> gets one too, so the
    /// importer can always strip exactly one and get the value back unchanged.
    /// </summary>
    public static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + value : value;

    /// <summary>The value a <see cref="Text"/> cell stands for.</summary>
    public static string Untext(string cell) => cell.StartsWith('\'') ? cell[1..] : cell;

    private static string Time(DateTime? value) =>
        value is { } t ? t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// Reads the file record by record. Columns other than name, slug and price may be left out (they take the
    /// create defaults); id and the timestamps are ignored, since the database owns them. A cell that does not parse
    /// travels in its row as an unreadable field (worded with its column, as the import lists problems by line).
    /// </summary>
    public static async IAsyncEnumerable<ProductImportRow> ReadAsync(Stream input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var csv = CsvReader.Create(input, ReaderOptions, leaveOpen: true);
        await csv.ReadHeaderAsync(ct);
        var header = csv.Headers.ToArray();
        if (header.Length == 0)
            throw new FormatException("The file is empty: it needs a header row (" + string.Join(',', Columns) + ").");
        var missing = new[] { "name", "slug", "price" }.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new FormatException($"The header row lacks the column(s) {string.Join(", ", missing)}; expected {string.Join(',', Columns)}.");

        while (await csv.ReadAsync(ct))
            yield return Parse(csv, header, (int)csv.LineNumber);
    }

    private static ProductImportRow Parse(CsvReader csv, string[] header, int line)
    {
        var unreadable = new Dictionary<string, string>();
        string? Cell(string column) => header.Contains(column, StringComparer.Ordinal) ? csv.GetString(column) ?? "" : null;

        decimal? price = null;
        if (decimal.TryParse(Cell("price"), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p)) price = p;
        else unreadable["price"] = $"price: '{Cell("price")}' is not a number.";

        var isActive = true;
        if (Cell("isActive") is { Length: > 0 } activeText && !bool.TryParse(activeText, out isActive))
            unreadable["isActive"] = $"isActive: '{activeText}' is not true or false.";

        var status = ProductStatus.Draft;
        if (Cell("status") is { Length: > 0 } statusText
            && (!Enum.TryParse(statusText, ignoreCase: true, out status) || !Enum.IsDefined(status) || char.IsDigit(statusText[0])))
        {
            unreadable["status"] = $"status: '{statusText}' is not one of draft, published, archived.";
            status = ProductStatus.Draft;
        }

        var tags = new List<TagInput>();
        foreach (var pair in Untext(Cell("tags") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(pair[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
                unreadable.TryAdd("tags", $"tags: '{pair}' is not slug:weight.");
            else
                tags.Add(new TagInput { Slug = pair[..colon], Weight = weight });
        }

        var specs = default(JsonElement);
        if (Cell("specs") is { Length: > 0 } specsText)
        {
            try
            {
                using var document = JsonDocument.Parse(Untext(specsText));
                specs = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                unreadable["specs"] = "specs: not valid JSON.";
            }
        }

        return new ProductImportRow
        {
            Line = line,
            Name = Untext(Cell("name") ?? ""),
            Slug = Cell("slug") is { Length: > 0 } slug ? Untext(slug) : default(Optional<string>),
            Description = Untext(Cell("description") ?? ""),
            Price = price,
            IsActive = isActive,
            Status = status,
            Category = Cell("category") is { Length: > 0 } category ? Untext(category) : null,
            Tags = tags,
            Specs = specs,
            UnreadableFields = unreadable,
        };
    }
}
