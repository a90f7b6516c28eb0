"""Erasure reaches the send history: a deleted subscriber's deliveries keep their state (the
figures stay right) but lose the address."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from mailings.subscribers.models import Subscriber

from .models import Delivery, TransactionalMail


@receiver(pre_delete, sender=Subscriber, dispatch_uid="sending_forget_address")
def forget_address(sender, instance, **kwargs):
    Delivery.objects.filter(subscriber=instance).update(email="", subscriber=None)
    TransactionalMail.objects.filter(subscriber=instance).update(email="")
