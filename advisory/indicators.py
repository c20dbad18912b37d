"""What the advisory service has achieved, in numbers anyone may read: aggregates over completed requests, never a
request, a country or a person. The public service page shows them; the network's indicators ("cross-regional
exchanges", "access to expertise") read them too.

Two queries whatever the data size: one aggregate over completed requests, one distinct count of the experts who
accepted to help. Completed requests whose requester deleted their account still count (``requested_by`` is
emptied, the request kept, advisory/your_data.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Q

from advisory.models import AdvisoryRequest, Invitation, InvitationStatus, RequestStatus

# The work happened (completed) or is happening (in progress): an expert who accepted such a request is engaged.
ENGAGED_STATUSES = (RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED)


@dataclass(frozen=True)
class AdvisoryIndicators:
    completed_exchanges: int
    countries_served: int
    experts_engaged: int
    cross_regional_exchanges: int
    average_rating: float | None  # 1 to 5, one decimal; None until a requester rated
    ratings: int

    @property
    def any(self) -> bool:
        return bool(self.completed_exchanges or self.experts_engaged)


def advisory_indicators() -> AdvisoryIndicators:
    """The service's counts.

    - completed exchanges: completed requests;
    - countries served: distinct countries of completed requests;
    - experts engaged: distinct experts who accepted an invitation to a request in progress or completed;
    - cross-regional exchanges: completed requests with at least one accepted expert whose country lies in another
      network region than the request's country (the network's "exchanges between experts from different
      regions");
    - average rating: the requesters' ratings of completed requests (1 to 5).
    """
    other_region = Invitation.objects.filter(
        request=OuterRef("pk"), status=InvitationStatus.ACCEPTED
    ).exclude(expert__user__membership__country__network_region=OuterRef("country__network_region"))
    totals = AdvisoryRequest.objects.completed().aggregate(
        completed=Count("pk"),
        countries=Count("country", distinct=True),
        cross_regional=Count("pk", filter=Q(Exists(other_region))),
        average_rating=Avg("rating"),
        ratings=Count("rating"),
    )
    experts = (
        Invitation.objects.filter(status=InvitationStatus.ACCEPTED, request__status__in=ENGAGED_STATUSES)
        .values("expert")
        .distinct()
        .count()
    )
    average = totals["average_rating"]
    return AdvisoryIndicators(
        completed_exchanges=totals["completed"],
        countries_served=totals["countries"],
        experts_engaged=experts,
        cross_regional_exchanges=totals["cross_regional"],
        average_rating=round(float(average), 1) if average is not None else None,
        ratings=totals["ratings"],
    )
