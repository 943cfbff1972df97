from allauth.account.internal.flows.login import record_authentication
from allauth.account.signals import email_confirmed
from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import services


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.profile_ensure(user=instance)


@receiver(email_confirmed)
def accept_invitations_on_confirmation(sender, request, email_address, **kwargs):
    # A verified address proves the invitee owns it: their invitations take effect.
    services.invitations_accept_for_email(user=email_address.user, email=email_address.email)


@receiver(authenticator_added)
def count_a_new_authenticator_as_this_sessions_second_factor(
    sender, request, user, authenticator, **kwargs
):
    # Activating TOTP proves a code from the new device: the session that did it has passed
    # a second factor (roles.is_staff), as a sign-in through allauth's MFA stage would.
    if request is not None:
        record_authentication(request, user, "mfa", type=authenticator.type, id=authenticator.pk)
    # On an account with admin powers the new factor also waits for the owner's mailbox.
    from .factors import factor_confirmation_start

    factor_confirmation_start(authenticator=authenticator)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def end_rights_on_deactivation(sender, instance, created, raw=False, **kwargs):
    # Staff deactivate an account in either admin: what it had through organizations
    # (working groups, ...) ends at once, without anyone cleaning up by hand.
    if not created and not raw and not instance.is_active:
        services.rights_end(user=instance)
