using System.Text.Json.Nodes;
using Shop.Application.History;
using Shop.Domain.Products;

namespace Shop.Application.UnitTests.History;

public class ChangeDiffTests
{
    private static List<KeyValuePair<string, JsonNode?>> Snapshot(params (string Field, object? Value)[] fields) =>
        fields.Select(f => KeyValuePair.Create(f.Field, ChangeDiff.Value(f.Value))).ToList();

    private static IEnumerable<(string, string?, string?)> Flat(IEnumerable<FieldChange> changes) =>
        changes.Select(c => (c.Field, c.Old?.ToJsonString(), c.New?.ToJsonString()));

    [Test]
    public void An_update_lists_only_the_fields_that_differ_in_snapshot_order()
    {
        var before = Snapshot(("name", "Lamp"), ("price", 10m), ("isActive", true), ("categoryId", null));
        var after = Snapshot(("name", "Lamp"), ("price", 12.5m), ("isActive", false), ("categoryId", 3));

        Assert.That(Flat(ChangeDiff.Between(before, after)),
            Is.EqualTo(new[] { ("price", "10", "12.5"), ("isActive", "true", "false"), ("categoryId", (string?)null, "3") }));
    }

    [Test]
    public void A_create_lists_every_field_with_old_null_and_a_delete_every_field_with_new_null()
    {
        var row = Snapshot(("name", "Lamp"), ("status", ProductStatus.Published));

        Assert.That(Flat(ChangeDiff.Between(null, row)), Is.EqualTo(new[] { ("name", (string?)null, "\"Lamp\""), ("status", null, "\"published\"") }));
        Assert.That(Flat(ChangeDiff.Between(row, null)), Is.EqualTo(new[] { ("name", "\"Lamp\"", (string?)null), ("status", "\"published\"", null) }));
    }

    [Test]
    public void Nothing_changed_is_no_change_and_equal_json_compares_by_value()
    {
        var before = Snapshot(("price", 10.00m), ("specs", JsonNode.Parse("""{"a": [1, 2]}""")));
        var after = Snapshot(("price", 10m), ("specs", JsonNode.Parse("""{"a":[1,2]}""")));

        Assert.That(ChangeDiff.Between(before, after), Is.Empty);
    }

    [Test]
    public void Values_are_written_as_the_api_writes_them()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ChangeDiff.Value(199.90m)!.ToJsonString(), Is.EqualTo("199.9"));
            Assert.That(ChangeDiff.Value(new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Unspecified))!.ToJsonString(), Is.EqualTo("\"2026-11-24T10:00:00Z\""));
            Assert.That(ChangeDiff.Value(ProductStatus.Archived)!.ToJsonString(), Is.EqualTo("\"archived\""));
            Assert.That(ChangeDiff.JsonText("not json")!.ToJsonString(), Is.EqualTo("\"not json\""));
            Assert.That(ChangeDiff.JsonText("{\"a\":1,\"a\":2}")!.GetValue<string>(), Is.EqualTo("{\"a\":1,\"a\":2}"), "specs with a key twice");
        });
    }

    [Test]
    public void Stored_json_reads_back_with_money_tidied()
    {
        var stored = ChangeDiff.ToJson([new FieldChange("price", JsonNode.Parse("12.50"), JsonNode.Parse("13.00")), new FieldChange("tags", null, new JsonArray())]);

        Assert.That(Flat(ChangeDiff.Parse(stored)), Is.EqualTo(new[] { ("price", "12.5", "13"), ("tags", (string?)null, "[]") }));
        Assert.That(ChangeDiff.Parse("{broken"), Is.Empty, "a row written by another tool never fails the read");
    }
}
