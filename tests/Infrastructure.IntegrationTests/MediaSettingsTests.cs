using Microsoft.Extensions.Configuration;
using Shop.Infrastructure.Files;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>The <c>Media</c> section: which storage, the bucket's settings, and the address image URLs start with.</summary>
public sealed class MediaSettingsTests
{
    private static MediaSettings From(params (string Key, string Value)[] values) =>
        MediaSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build(), "/srv/shop");

    [Test]
    public void Without_settings_files_stay_on_the_local_disk_and_urls_on_this_app()
    {
        var settings = From();

        Assert.Multiple(() =>
        {
            Assert.That(settings.S3, Is.Null);
            Assert.That(settings.UrlPrefix, Is.EqualTo("/media/"));
        });
    }

    [Test]
    public void S3_takes_its_bucket_server_keys_and_prefix()
    {
        var s3 = From(("Media:Storage", "S3"), ("Media:S3:Bucket", "shop"), ("Media:S3:ServiceUrl", "http://127.0.0.1:9000"),
            ("Media:S3:AccessKey", "a"), ("Media:S3:SecretKey", "b"), ("Media:S3:KeyPrefix", "/media/")).S3!;

        Assert.Multiple(() =>
        {
            Assert.That(s3.Bucket, Is.EqualTo("shop"));
            Assert.That(s3.ServiceUrl, Is.EqualTo(new Uri("http://127.0.0.1:9000")));
            Assert.That(s3.Region, Is.EqualTo("us-east-1"));
            Assert.That(s3.KeyPrefix, Is.EqualTo("media/"));
        });
    }

    [TestCase("https://cdn.example.com/media", "https://cdn.example.com/media/")]
    [TestCase("https://cdn.example.com/media/", "https://cdn.example.com/media/")]
    [TestCase("http://127.0.0.1:4568/bucket", "http://127.0.0.1:4568/bucket/")]
    public void A_base_url_ends_in_one_slash(string baseUrl, string prefix)
    {
        Assert.That(From(("Media:BaseUrl", baseUrl)).UrlPrefix, Is.EqualTo(prefix));
    }

    [TestCase("Media:Storage", "Azure")]
    [TestCase("Media:BaseUrl", "/relative")]
    [TestCase("Media:BaseUrl", "ftp://cdn.example.com")]
    [TestCase("Media:BaseUrl", "https://cdn.example.com/?v=1")]
    public void A_setting_that_cannot_work_stops_the_app_with_its_name(string key, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => From((key, value)));

        Assert.That(refused!.Message, Does.StartWith(key));
    }

    [Test]
    public void S3_without_a_bucket_or_with_half_a_key_pair_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => From(("Media:Storage", "S3")), Throws.InvalidOperationException.With.Message.Contains("Media:S3:Bucket"));
            Assert.That(() => From(("Media:Storage", "S3"), ("Media:S3:Bucket", "b"), ("Media:S3:AccessKey", "a")),
                Throws.InvalidOperationException.With.Message.Contains("go together"));
        });
    }
}
