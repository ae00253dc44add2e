// Every test gets a fresh fixture instance: mocks and entities held in fields never leak between tests.
[assembly: FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
