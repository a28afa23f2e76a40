import pytest

from .services import PrivatePostgres, PrivateRedis


@pytest.fixture
def private_redis():
    redis = PrivateRedis()
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture(scope="module")
def private_postgres():
    postgres = PrivatePostgres()
    postgres.init()
    yield postgres
    postgres.destroy()
