"""Tasks only kick work: they take ids and re-fetch. Delivery state lives in our own tables
with leases (django-tasks-db leaves a task of a killed worker RUNNING forever), so a lost
task costs time, never mail: the clock kicks the send again."""

from django_tasks import task

from . import actions
from .worker import SendWorker


@task()
def start_send_task(send_id):
    actions.start_send(send_id)


@task()
def run_send_task(send_id):
    SendWorker(send_id).run()
