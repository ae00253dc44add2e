using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Shop.Domain.Products;
using Shop.Infrastructure.Files;

namespace Shop.WebApi.Web;

/// <summary>
/// Serves uploaded files under <c>/media</c> from the media folder, and nothing else: the physical file provider
/// refuses any path that leaves its root (<c>..</c>, absolute paths) and hidden files, and only the image types an
/// upload can have are served, each with its own content type.
/// </summary>
internal static class MediaSetup
{
    public const string RequestPath = "/media";

    public static IApplicationBuilder UseMedia(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<MediaSettings>().Root;
        Directory.CreateDirectory(root);
        var types = new FileExtensionContentTypeProvider(ImageFormat.All.ToDictionary(f => "." + f.Extension, f => f.ContentType, StringComparer.OrdinalIgnoreCase));
        types.Mappings[".jpeg"] = ImageFormat.Jpeg.ContentType;
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = new PhysicalFileProvider(root),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context =>
                // Stored names are random and never reused, so a file at a URL never changes: cache it for a year.
                context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
    }
}
