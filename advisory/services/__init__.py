"""Every change to advisory requests, invitations and offers: views, admin actions and the demo call these."""
