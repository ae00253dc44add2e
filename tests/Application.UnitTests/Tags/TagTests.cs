using Moq;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Tags;
using Shop.Application.Tags.Commands;
using Shop.Application.Tags.Queries;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Tags;
using static Shop.Application.UnitTests.Support.Validation;

namespace Shop.Application.UnitTests.Tags;

public class TagValidatorTests
{
    [Test]
    public void Create_allows_40_characters_and_refuses_41()
    {
        var validator = new CreateTagValidator();

        Assert.Multiple(() =>
        {
            Assert.That(ErrorsOf(validator, new CreateTag { Name = new string('t', 40) }), Is.Empty);
            Assert.That(ErrorsOf(validator, new CreateTag { Name = new string('t', 41) }).Keys, Is.EqualTo(new[] { "name" }));
        });
    }

    [TestCase(null)]
    [TestCase(" ")]
    public void Create_requires_a_name(string? name)
    {
        Assert.That(ErrorsOf(new CreateTagValidator(), new CreateTag { Name = name }), Does.ContainKey("name"));
    }

    [Test]
    public void Create_checks_a_given_slug()
    {
        Assert.That(ErrorsOf(new CreateTagValidator(), new CreateTag { Name = "rgb", Slug = "RGB" }), Does.ContainKey("slug"));
    }

    [Test]
    public void Update_requires_a_name_and_checks_a_given_slug()
    {
        Assert.That(ErrorsOf(new UpdateTagValidator(), new UpdateTag { Id = 1, Slug = "a b" }).Keys, Is.EquivalentTo(new[] { "name", "slug" }));
    }

    [Test]
    public void List_tags_checks_paging()
    {
        Assert.That(ErrorsOf(new ListTagsValidator(), new ListTags(1, 0)).Keys, Is.EqualTo(new[] { "pageSize" }));
    }
}

public class TagCommandHandlerTests
{
    private readonly Mock<ITagRepository> _tags = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Tag _rgb = A.Tag("rgb", id: 7);

    [SetUp]
    public void SetUp()
    {
        _tags.Setup(r => r.GetAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync(_rgb);
        _tags.Setup(r => r.SlugsLikeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    [Test]
    public async Task Delete_removes_the_tag_and_saves()
    {
        await new DeleteTagHandler(_tags.Object, _unitOfWork.Object).Handle(new DeleteTag(7), CancellationToken.None);

        Assert.Multiple(() =>
        {
            _tags.Verify(r => r.Remove(_rgb), Times.Once);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public void Delete_of_an_unknown_tag_is_not_found_and_removes_nothing()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<NotFoundException>(() => new DeleteTagHandler(_tags.Object, _unitOfWork.Object).Handle(new DeleteTag(8), CancellationToken.None));
            _tags.Verify(r => r.Remove(It.IsAny<Tag>()), Times.Never);
        });
    }

    [Test]
    public async Task Create_makes_the_slug_from_the_name_with_a_suffix_when_taken()
    {
        _tags.Setup(r => r.SlugsLikeAsync("rgb", It.IsAny<CancellationToken>())).ReturnsAsync(["rgb", "rgb-2"]);

        var dto = await new CreateTagHandler(_tags.Object, _unitOfWork.Object).Handle(new CreateTag { Name = "RGB" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dto, Is.EqualTo(new TagDto(0, "RGB", "rgb-3", 0)));
            _tags.Verify(r => r.Add(It.IsAny<Tag>()), Times.Once);
            _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
        });
    }

    [Test]
    public async Task Create_of_a_name_with_nothing_sluggable_uses_the_fallback_slug()
    {
        var dto = await new CreateTagHandler(_tags.Object, _unitOfWork.Object).Handle(new CreateTag { Name = "機械式" }, CancellationToken.None);

        Assert.That(dto.Slug, Is.EqualTo("tag"));
    }

    [Test]
    public async Task Update_renames_and_keeps_the_slug_unless_given()
    {
        var store = new InMemoryCatalogReadStore().With(_rgb);

        var dto = await new UpdateTagHandler(_tags.Object, _unitOfWork.Object, store, TestUser.Staff)
            .Handle(new UpdateTag { Id = 7, Name = "Lighting" }, CancellationToken.None);

        Assert.That(dto, Is.EqualTo(new TagDto(7, "Lighting", "rgb", 0)));
    }
}
