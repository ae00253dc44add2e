using System.Net;

namespace Shop.WebApi.FunctionalTests.Cluster;

/// <summary>Lockout and sign-in hold across instances: the failures are counted in the database, by atomic updates.</summary>
public sealed class TwoInstanceSignInTests(string provider) : TwoInstancesTestBase(provider)
{
    private const int MaxFailedAttempts = 5; // Auth:Lockout:MaxFailedAttempts, the default

    [Test]
    public async Task Wrong_passwords_split_over_both_instances_do_not_lock_before_the_limit()
    {
        var userName = await NewUserAsync();
        for (var i = 0; i < MaxFailedAttempts - 1; i++)
        {
            using var failed = await SignInAsync(Api(i), userName, WrongPassword);
            await ReadAsync(failed, HttpStatusCode.Unauthorized, $"guess {i + 1}");
        }

        Assert.That(await LockoutOfAsync(userName), Is.EqualTo((MaxFailedAttempts - 1, (DateTimeOffset?)null)));
        using var right = await SignInAsync(ApiB, userName, Password);
        await ReadAsync(right, HttpStatusCode.OK, "one guess short of the limit");
    }

    [Test]
    public async Task Wrong_passwords_split_over_both_instances_lock_the_account_at_the_limit_on_both()
    {
        var userName = await NewUserAsync();
        for (var i = 0; i < MaxFailedAttempts; i++)
        {
            using var failed = await SignInAsync(Api(i), userName, WrongPassword);
            await ReadAsync(failed, HttpStatusCode.Unauthorized, $"guess {i + 1}");
        }

        var (_, lockoutEnd) = await LockoutOfAsync(userName);
        Assert.That(lockoutEnd, Is.GreaterThan(DateTimeOffset.UtcNow), "locked by the last guess");
        using var onA = await SignInAsync(ApiA, userName, Password);
        using var onB = await SignInAsync(ApiB, userName, Password);
        await ReadAsync(onA, HttpStatusCode.Unauthorized, "the right password on A after the lockout");
        await ReadAsync(onB, HttpStatusCode.Unauthorized, "the right password on B after the lockout");
    }

    [Test]
    public async Task Wrong_passwords_sent_at_once_to_both_instances_each_answer_the_401_of_one_and_lock_the_account()
    {
        var userName = await NewUserAsync();
        using var one = await SignInAsync(ApiA, "ghost" + Guid.NewGuid().ToString("N"), WrongPassword);
        var reference = await ReadAsync(one, HttpStatusCode.Unauthorized);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignInAsync(Api(i), userName, WrongPassword + i)));

        // One after another: NUnit's assertion scopes must not be opened from parallel tasks.
        foreach (var response in responses)
        {
            var problem = await ReadAsync(response, HttpStatusCode.Unauthorized, "a wrong password sent with 19 others");
            Assert.That(problem["detail"]?.GetValue<string>(), Is.EqualTo(reference["detail"]?.GetValue<string>()));
            response.Dispose();
        }
        Assert.That((await LockoutOfAsync(userName)).LockoutEnd, Is.GreaterThan(DateTimeOffset.UtcNow));
        using var onA = await SignInAsync(ApiA, userName, Password);
        using var onB = await SignInAsync(ApiB, userName, Password);
        await ReadAsync(onA, HttpStatusCode.Unauthorized, "the right password on A after the lockout");
        await ReadAsync(onB, HttpStatusCode.Unauthorized, "the right password on B after the lockout");
    }

    [Test]
    public async Task Right_passwords_sent_at_once_to_both_instances_all_sign_in()
    {
        // Each instance checks one username's passwords one at a time; across instances the checks overlap, and each
        // takes a lockout slot until its password is found right: they must not add up to a lockout.
        var userName = await NewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => SignInAsync(Api(i), userName, Password)));

        foreach (var response in responses)
        {
            await ReadAsync(response, HttpStatusCode.OK, "a right password sent with 9 others");
            response.Dispose();
        }
        Assert.That(await LockoutOfAsync(userName), Is.EqualTo((0, (DateTimeOffset?)null)));
    }
}
