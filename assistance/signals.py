from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.dispatch import receiver


@receiver(password_reset)
def verify_address_on_password_set(sender, request, user, **kwargs):
    """Whoever followed the emailed link to choose a password controls the address."""
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
