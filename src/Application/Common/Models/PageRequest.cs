using FluentValidation;

namespace Shop.Application.Common.Models;

/// <summary>Paging input shared by every list query.</summary>
public interface IPagedRequest
{
    int Page { get; }
    int PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>page ≥ 1, 1 ≤ pageSize ≤ 100.</summary>
    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPagedRequest
    {
        validator.RuleFor(r => r.Page).GreaterThanOrEqualTo(1);
        validator.RuleFor(r => r.PageSize).InclusiveBetween(1, MaxPageSize);
    }

    public static int Skip(this IPagedRequest r) => (int)Math.Min(int.MaxValue, ((long)r.Page - 1) * r.PageSize);
}
