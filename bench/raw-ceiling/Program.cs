using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

// The raw ceiling of bench/load.sh: Kestrel with routing only, Npgsql without EF Core, and the JSON written by hand.
// Each read runs the SQL the shop's EF Core logs for it (Microsoft.EntityFrameworkCore.Database.Command) and answers
// the same JSON shape, so the ratio app / raw is the price of everything the shop adds on top of the naive SQL.
//
//   DATABASE=<Npgsql connection string> dotnet RawCeiling.dll --urls http://127.0.0.1:5201
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
await using var db = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("DATABASE")
    ?? throw new InvalidOperationException("Set DATABASE to an Npgsql connection string."));

app.MapGet("/healthz", () => Results.Text("Healthy"));
app.MapGet("/api/products", (HttpContext http) => Reads.ListAsync(db, http));
app.MapGet("/api/products/{id:int}", (int id, HttpContext http) => Reads.DetailAsync(db, id, http));
app.Run();

internal static class Reads
{
    // As the shop writes it: '&' in the links is not escaped.
    private static readonly JsonWriterOptions JsonOut = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const string Visible = """p."IsActive" AND p."Status" = 'published'""";
    private const string Search = """ AND (lower(p."Name") LIKE @term OR lower(p."Description") LIKE @term)""";
    // Keyset continuation (the shop's cursor): rows after the last one shown, in the -createdAt, -id ordering.
    private const string After = """ AND (p."CreatedAt", p."Id") < (@afterCreatedAt, @afterId)""";

    // The shop's list query (default ordering), as EF Core sends it: a page of products, their category and tags.
    private const string ListSql = """
        SELECT p0."Id", p0."Name", p0."Slug", p0."Price", p0."IsActive", p0."Status", p0."PublishedAt", p0."CreatedAt", p0."UpdatedAt", c."Id" IS NULL, c."Id", c."Name", c."Slug", s."Weight", s."Id", s."Name", s."Slug", s."ProductId", s."TagId"
        FROM (
            SELECT p."Id", p."CategoryId", p."CreatedAt", p."IsActive", p."Name", p."Price", p."PublishedAt", p."Slug", p."Status", p."UpdatedAt"
            FROM "Products" AS p
            WHERE {0}
            ORDER BY p."CreatedAt" DESC, p."Id" DESC
            LIMIT @limit OFFSET @offset
        ) AS p0
        LEFT JOIN "Categories" AS c ON p0."CategoryId" = c."Id"
        LEFT JOIN (
            SELECT p1."Weight", t."Id", t."Name", t."Slug", p1."ProductId", p1."TagId"
            FROM "ProductTags" AS p1
            INNER JOIN "Tags" AS t ON p1."TagId" = t."Id"
        ) AS s ON p0."Id" = s."ProductId"
        ORDER BY p0."CreatedAt" DESC, p0."Id" DESC, c."Id", s."Weight" DESC, s."Name", s."ProductId", s."TagId"
        """;

    private const string DetailSql = """
        SELECT s."Description", s."Id", s."Id0", s."ProductId", p1."Id", p1."Alt", p1."Position", '/media/' || p1."Path", s."Version", s."Name", s."Slug", s."Price", s."IsActive", s."Status", s."PublishedAt", s."CreatedAt", s."UpdatedAt", s.c, s."Name0", s."Slug0", s0."Weight", s0."Id", s0."Name", s0."Slug", s0."ProductId", s0."TagId", s.c0
        FROM (
            SELECT p."Description", p."Version", p."Id", p."Name", p."Slug", p."Price", p."IsActive", p."Status", p."PublishedAt", p."CreatedAt", p."UpdatedAt", c."Id" IS NULL AS c, c."Id" AS "Id0", c."Name" AS "Name0", c."Slug" AS "Slug0", CASE
                WHEN p0."ProductId" IS NULL THEN '{}'
                ELSE p0."SpecsJson"
            END AS c0, p0."ProductId"
            FROM "Products" AS p
            LEFT JOIN "Categories" AS c ON p."CategoryId" = c."Id"
            LEFT JOIN "ProductDetails" AS p0 ON p."Id" = p0."ProductId"
            WHERE p."IsActive" AND p."Status" = 'published' AND p."Id" = @id
            LIMIT 1
        ) AS s
        LEFT JOIN "ProductImages" AS p1 ON s."Id" = p1."ProductId"
        LEFT JOIN (
            SELECT p2."Weight", t."Id", t."Name", t."Slug", p2."ProductId", p2."TagId"
            FROM "ProductTags" AS p2
            INNER JOIN "Tags" AS t ON p2."TagId" = t."Id"
        ) AS s0 ON s."Id" = s0."ProductId"
        ORDER BY s."Id", s."Id0", s."ProductId", p1."Position", p1."Id", s0."Weight" DESC, s0."Name", s0."ProductId", s0."TagId"
        """;

    /// <summary>
    /// <c>?page=N</c> (offset, with the exact count the shop runs first), <c>?search=words</c> (one substring, as the
    /// shop's naive search), or <c>?afterCreatedAt=..&amp;afterId=..</c> (keyset: no count, like a cursor page).
    /// </summary>
    public static async Task ListAsync(NpgsqlDataSource db, HttpContext http)
    {
        var query = http.Request.Query;
        const int pageSize = 20;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        string? term = query["search"];
        var keyset = DateTime.TryParse(query["afterCreatedAt"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var afterCreatedAt)
                     & int.TryParse(query["afterId"], CultureInfo.InvariantCulture, out var afterId);
        var where = Visible + (term is null ? "" : Search) + (keyset ? After : "");

        await using var connection = await db.OpenConnectionAsync(http.RequestAborted);
        int? total = null;
        if (!keyset)
        {
            await using var count = new NpgsqlCommand($"""SELECT count(*)::int FROM "Products" AS p WHERE {where}""", connection);
            AddFilters(count);
            total = (int)(await count.ExecuteScalarAsync(http.RequestAborted))!;
        }

        await using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, ListSql, where), connection);
        AddFilters(command);
        command.Parameters.AddWithValue("limit", pageSize);
        command.Parameters.AddWithValue("offset", keyset ? 0 : (page - 1) * pageSize);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);

        var buffer = new ArrayBufferWriter<byte>(8192);
        await using (var json = new Utf8JsonWriter(buffer, JsonOut))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            var more = await reader.ReadAsync(http.RequestAborted);
            while (more)
            {
                var id = reader.GetInt32(0);
                WriteProductHead(json, reader, id: 0, name: 1, categoryIsNull: 9, categoryId: 10, categoryName: 11);
                json.WriteStartArray("tags");
                do
                {
                    if (!reader.IsDBNull(14)) WriteTag(json, reader, 13);
                    more = await reader.ReadAsync(http.RequestAborted);
                } while (more && reader.GetInt32(0) == id);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("page", page);
            json.WriteNumber("pageSize", pageSize);
            if (total is { } t)
            {
                var pages = (t + pageSize - 1) / pageSize;
                json.WriteNumber("totalCount", t);
                json.WriteNumber("totalPages", pages);
                WriteLink(json, "next", http, page < pages ? page + 1 : null);
                WriteLink(json, "previous", http, page > 1 ? Math.Min(page - 1, pages) : null);
            }
            json.WriteEndObject();
        }
        await WriteJsonAsync(http, buffer, etag: false);

        void AddFilters(NpgsqlCommand c)
        {
            if (term is not null) c.Parameters.AddWithValue("term", "%" + term.ToLowerInvariant() + "%");
            if (!keyset) return;
            c.Parameters.AddWithValue("afterCreatedAt", afterCreatedAt);
            c.Parameters.AddWithValue("afterId", afterId);
        }
    }

    public static async Task DetailAsync(NpgsqlDataSource db, int id, HttpContext http)
    {
        await using var command = db.CreateCommand(DetailSql);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        if (!await reader.ReadAsync(http.RequestAborted))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // One row per (image, tag) pair: images and tags are read off the same rows, each once.
        var images = new List<(int Id, string Url, string Alt, int Position)>();
        var tags = new List<(int Id, string Name, string Slug, int Weight)>();
        var description = reader.GetString(0);
        var specs = reader.GetString(26);
        var buffer = new ArrayBufferWriter<byte>(2048);
        await using (var json = new Utf8JsonWriter(buffer, JsonOut))
        {
            WriteProductHead(json, reader, id: 1, name: 9, categoryIsNull: 17, categoryId: 2, categoryName: 18);
            do
            {
                if (!reader.IsDBNull(4) && images.TrueForAll(i => i.Id != reader.GetInt32(4)))
                    images.Add((reader.GetInt32(4), reader.GetString(7), reader.GetString(5), reader.GetInt32(6)));
                if (!reader.IsDBNull(21) && tags.TrueForAll(t => t.Id != reader.GetInt32(21)))
                    tags.Add((reader.GetInt32(21), reader.GetString(22), reader.GetString(23), reader.GetInt32(20)));
            } while (await reader.ReadAsync(http.RequestAborted));
            json.WriteStartArray("tags");
            foreach (var (tagId, name, slug, weight) in tags)
            {
                json.WriteStartObject();
                json.WriteNumber("id", tagId);
                json.WriteString("name", name);
                json.WriteString("slug", slug);
                json.WriteNumber("weight", weight);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("description", description);
            json.WritePropertyName("specs");
            json.WriteRawValue(specs, skipInputValidation: true);
            json.WriteStartArray("images");
            foreach (var (imageId, url, alt, position) in images)
            {
                json.WriteStartObject();
                json.WriteNumber("id", imageId);
                json.WriteString("url", url);
                json.WriteString("alt", alt);
                json.WriteNumber("position", position);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await WriteJsonAsync(http, buffer, etag: true);
    }

    // id, then name, slug, price, isActive, status, publishedAt, createdAt, updatedAt in consecutive columns from
    // `name`, then the category (its name and slug side by side).
    private static void WriteProductHead(Utf8JsonWriter json, NpgsqlDataReader r, int id, int name, int categoryIsNull, int categoryId, int categoryName)
    {
        json.WriteStartObject();
        json.WriteNumber("id", r.GetInt32(id));
        json.WriteString("name", r.GetString(name));
        json.WriteString("slug", r.GetString(name + 1));
        json.WriteNumber("price", r.GetDecimal(name + 2));
        json.WriteBoolean("isActive", r.GetBoolean(name + 3));
        json.WriteString("status", r.GetString(name + 4));
        if (r.IsDBNull(name + 5)) json.WriteNull("publishedAt"); else json.WriteString("publishedAt", r.GetDateTime(name + 5));
        json.WriteString("createdAt", r.GetDateTime(name + 6));
        json.WriteString("updatedAt", r.GetDateTime(name + 7));
        if (r.GetBoolean(categoryIsNull))
        {
            json.WriteNull("category");
            return;
        }
        json.WriteStartObject("category");
        json.WriteNumber("id", r.GetInt32(categoryId));
        json.WriteString("name", r.GetString(categoryName));
        json.WriteString("slug", r.GetString(categoryName + 1));
        json.WriteEndObject();
    }

    private static void WriteTag(Utf8JsonWriter json, NpgsqlDataReader r, int weight)
    {
        json.WriteStartObject();
        json.WriteNumber("id", r.GetInt32(weight + 1));
        json.WriteString("name", r.GetString(weight + 2));
        json.WriteString("slug", r.GetString(weight + 3));
        json.WriteNumber("weight", r.GetInt32(weight));
        json.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter json, string name, HttpContext http, int? page)
    {
        if (page is null)
        {
            json.WriteNull(name);
            return;
        }
        var query = string.Join('&', http.Request.Query.Where(q => q.Key != "page").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append(FormattableString.Invariant($"page={page}")));
        json.WriteString(name, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}?{query}");
    }

    private static async Task WriteJsonAsync(HttpContext http, ArrayBufferWriter<byte> buffer, bool etag)
    {
        var response = http.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        // The shop's detail sends a strong ETag hashed from the body; the ceiling pays for the same hash.
        if (etag) response.Headers.ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan)[..12])}\"";
        await response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }
}
