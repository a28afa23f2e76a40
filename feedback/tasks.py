from celery import shared_task

from . import services


@shared_task(name="feedback.tasks.deadlines_check")
def deadlines_check():
    return services.deadlines_check()


@shared_task(name="feedback.tasks.personal_data_erase")
def personal_data_erase():
    return services.personal_data_erase()
