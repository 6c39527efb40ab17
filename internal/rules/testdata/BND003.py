# BND003: a boundary module catches an infrastructure exception it can only get from below.
import requests
import sqlalchemy.exc
from botocore.exceptions import ClientError
from sqlalchemy.exc import IntegrityError

from shop.orders import OrderConflict, place


# Findings: the module uses sqlalchemy, requests and botocore for their exceptions only.


def create_order(request):
    try:
        return place(request.json)
    except IntegrityError:
        return conflict()


def refresh(request):
    try:
        return place(request.json)
    except (sqlalchemy.exc.OperationalError, requests.exceptions.ConnectionError) as err:
        return unavailable(err)


def upload(request):
    try:
        return place(request.json)
    except ClientError:
        return unavailable()


# Silent twins.


def domain_exception(request):
    try:
        return place(request.json)
    except OrderConflict:
        return conflict()


def builtin(request):
    try:
        return place(request.json)
    except (KeyError, ValueError):
        return bad_request()


class Uploader:
    def upload(self, request):
        try:
            return self.s3.put_object(request.json)
        except ClientError:  # botocore called through the client the command holds: its own
            return unavailable()
