"""The actors' part of the demo and benchmark data set: planned in memory from one seed,
inserted in bulk. ``seed_actors`` is the first seeder of ``manage.py seed_demo``
(accountability/core/demo/); the other apps' seeders (<app>/demo/) build on its rows.

The plan also says who holds which role, and who is nominated for one: whom a role goes to
shapes the people themselves (their organization, grade, zone, arrival), so it is drawn
before any person exists. The rows of those roles (the appointments and their workflow) are
the appointments app's to write, from the plan this seeder leaves in ``run.shared``.

Everything random comes from one ``random.Random(seed)`` (``Plan.rng``) consumed in a fixed
order, this seeder's draws first and then the appointments' (the arrivals and the training
part draw from a second one, actors/demo/arrivals.py), and no choice depends on database
ids, so the same seed gives the same data in any database. Rows go in with ``bulk_create`` in
large batches, the largest tables (people, dependants, training records) by COPY
(accountability/core/demo/bulk.py); every row gets its audit event all the same (attributed
to ``command:seed_demo``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from django.contrib.auth.hashers import make_password

from accountability.core.demo import DemoRun
from accountability.core.demo.bulk import copy_objects
from actors import models as m

from . import data
from .arrivals import ARRIVALS_RNG, plan_arrivals

# Dates are drawn back from a fixed day, not from today, so that the data do not depend
# on when the command runs.
ANCHOR = dt.date(2025, 1, 1)
BATCH = 5000
DEMO_PASSWORD = "demo-accountability-2002"  # noqa: S105 - printed by demo_logins on purpose
# The states an ASC or warden nomination passes through besides ACTIVE (the planned holders,
# given their workflow records by appointments/demo/), cycled over the zones and areas
# (¶17, ¶19).
WORKFLOW_STATES = ("draft", "consultation", "rejected", "pending", "ended", "revoked")

# Scale 1 (issue 2, section 9).
FULL = {"countries": 150, "field_stations": 100, "organizations": 30, "personnel": 100_000}
# Shares of personnel: the large duty station the benchmark needs (~2,000 at scale 1).
FIRST_STATION_SHARE = 0.02
DEPENDANTS_PER_PERSON = ([0, 1, 2, 3, 4], [30, 55, 75, 90, 100])  # mean 1.5
MIN_AT_CAPITAL, MIN_AT_FIRST_CAPITAL, MIN_AT_FIELD = 60, 100, 25

NATO = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike "
        "November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey X-ray Yankee "
        "Zulu".split(),
        strict=True,
    )
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str


# Stable at every scale: they live in the first countries (Kenya, Afghanistan), the first
# organizations and Nairobi, which every scale keeps.
DEMO_LOGINS = [
    DemoLogin("admin", "Superuser (Django admin)"),
    DemoLogin("unsecoord", "UN Security Coordinator (¶6)"),
    DemoLogin("inspector", "UNSECOORD inspector (¶39)"),
    DemoLogin("hq.unicef", "HQ security focal point, UNICEF (¶7)"),
    DemoLogin("hq.undp", "HQ security focal point, UNDP (¶7)"),
    DemoLogin("hq.wfp", "HQ security focal point, WFP (¶7)"),
    DemoLogin("hq.unhcr", "HQ security focal point, UNHCR (¶7)"),
    DemoLogin("hq.iom", "HQ security focal point, IOM (MOU partner, ¶8(l))"),
    DemoLogin("do.kenya", "Designated Official, Kenya (¶8)"),
    DemoLogin("do.afghanistan", "Designated Official, Afghanistan (¶8)"),
    DemoLogin("fsco.kenya", "Field Security Coordination Officer, Kenya (¶10)"),
    DemoLogin("fsca.nairobi", "Field Security Coordination Assistant, Nairobi (¶11)"),
    DemoLogin("rep.unicef.kenya", "Country Representative, UNICEF Kenya (¶15)"),
    DemoLogin("cfp.unicef.kenya", "Country Security Focal Point, UNICEF Kenya (annex ¶24)"),
    DemoLogin("aso.unhcr.nairobi", "Agency security officer, UNHCR Nairobi (¶13)"),
    DemoLogin("smt.mombasa", "Security Management Team member, Mombasa (¶16)"),
    DemoLogin("asc.coast", "Area Security Coordinator, Coast area, Kenya (¶18)"),
    DemoLogin("warden.nairobi", "Warden, Gigiri zone, Nairobi (¶20)"),
    DemoLogin("staff.nairobi", "Staff member, UNICEF Nairobi, with dependants (¶22)"),
]


def demo_data_exists() -> bool:
    """Loaded once people exist: migrations create reference rows (UNSECOORD, which provides
    the course catalogue) that an empty database already holds."""
    return m.Person.objects.exists()


@dataclass
class Counts:
    countries: int
    field_stations: int
    organizations: int
    personnel: int
    inspectors: int

    @classmethod
    def for_scale(cls, scale: float) -> Counts:
        return cls(
            countries=min(len(data.COUNTRIES), max(2, round(FULL["countries"] * scale))),
            field_stations=max(2, round(FULL["field_stations"] * scale)),
            organizations=min(
                len(data.ORGANIZATIONS), max(8, round(FULL["organizations"] * scale))
            ),
            personnel=max(1, round(FULL["personnel"] * scale)),
            inspectors=max(1, round(5 * scale)),
        )


@dataclass
class Inserted:
    """The rows of the actors' seed that later seeders (appointments, training, inspections,
    meetings) build on, in plan order."""

    people: list[m.Person]
    stations: list[m.DutyStation]
    orgs: list[m.Organization]
    users: dict[str, m.User]  # the demo logins by username, in DEMO_LOGINS order
    # person index -> the dependants living at the duty station (¶32: eligible dependants)
    dependants: dict[int, list[m.Dependant]]
    # The rows a role's scope index points at, by scope kind (as in ``Plan.appointments``).
    scopes: dict[str, list] = field(default_factory=dict)


@dataclass
class Station:
    name: str
    country: int
    is_capital: bool
    area: int | None
    time_zone: str
    phase: int
    headcount: int = 0
    zones: list[int] = field(default_factory=list)


class Plan:
    """The whole data set as indexes and small tuples, before any row exists."""

    def __init__(self, *, scale: float, seed: int):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
        self.counts = Counts.for_scale(scale)
        self.orgs = data.ORGANIZATIONS[: self.counts.organizations]
        self.org_index = {org[0]: i for i, org in enumerate(self.orgs)}
        self.countries = data.COUNTRIES[: self.counts.countries]
        self.stations: list[Station] = []
        self.areas: list[tuple[int, str]] = []
        self.zones: list[tuple[int, str]] = []
        # Personnel, one entry per person in these parallel lists.
        self.p_station: list[int] = []
        self.p_org: list[int] = []
        self.p_local: list[bool] = []
        self.p_zone: list[int | None] = []
        self.p_grade: dict[int, str] = {}
        self.p_dependants: dict[int, int] = {}
        self.free: list[dict[int, list[int]]] = []  # per station: org -> people not yet picked
        # person, role code, scope kind, scope index (an index into Inserted.scopes[kind])
        self.appointments: list[tuple[int, str, str, int]] = []
        self.holders: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        self.logins: dict[str, int] = {}
        # Appointments not (yet) active: person, role code, scope kind, scope index, state,
        # alternate warden. Planned after the demo logins, which they leave unchanged.
        self.nominations: list[tuple[int, str, str, int, str, bool]] = []
        self.interim: tuple[int, int] | None = None  # DO ad interim recommended: person, country
        self.aso_proposed: tuple[int, int] | None = None  # ASO awaiting clearance: person, station

        self._geography()
        self._personnel()
        self._appointments()
        self._demo_logins()
        self._nominations()

    # -- geography ------------------------------------------------------------------------

    def _geography(self) -> None:
        rng = self.rng
        for ci, (_iso, _name, capital, tz, _pool, phase, _fields) in enumerate(self.countries):
            self.stations.append(Station(capital, ci, True, None, tz, phase))
        # Field stations: the first cities of the first countries come first, so that small
        # scales keep the big operations and scale 1 still reaches headquarters cities.
        candidates = sorted(
            (j * 30 + ci, ci, j)
            for ci, country in enumerate(self.countries)
            for j in range(len(country[6]))
        )
        picked = sorted((ci, j) for _, ci, j in candidates[: self.counts.field_stations])
        area_index: dict[tuple[int, str], int] = {}
        for ci, j in picked:
            city, area_name, tz = self.countries[ci][6][j]
            area = None
            if area_name is not None:
                area = area_index.get((ci, area_name))
                if area is None:
                    area = area_index[(ci, area_name)] = len(self.areas)
                    self.areas.append((ci, area_name))
            base_phase = self.countries[ci][5]
            phase = min(5, base_phase + rng.choice((0, 0, 1))) if base_phase else 0
            self.stations.append(Station(city, ci, False, area, tz or self.countries[ci][3], phase))

    # -- personnel ------------------------------------------------------------------------

    def _personnel(self) -> None:
        rng = self.rng
        stations = self.stations
        minimum = [
            MIN_AT_FIRST_CAPITAL if i == 0 else MIN_AT_CAPITAL if s.is_capital else MIN_AT_FIELD
            for i, s in enumerate(stations)
        ]
        total = max(self.counts.personnel, sum(minimum))
        first = max(minimum[0], round(total * FIRST_STATION_SHARE))
        weights = [
            0.0
            if i == 0
            else rng.uniform(1.5, 4.0)
            if s.is_capital
            else 3.5
            if s.area is None
            else rng.uniform(0.5, 1.5)
            for i, s in enumerate(stations)
        ]
        rest = total - first
        wsum = sum(weights)
        heads = [first] + [
            max(minimum[i], int(rest * weights[i] / wsum)) for i in range(1, len(stations))
        ]
        # Hand the rounding difference to (or take it from) the other stations in turn.
        diff, i = total - sum(heads), 1
        while diff and len(stations) > 1:
            step = 1 if diff > 0 else -1
            if step > 0 or heads[i] > minimum[i]:
                heads[i] += step
                diff -= step
            i = i % (len(stations) - 1) + 1
        for station, count in zip(stations, heads, strict=True):
            station.headcount = count

        self._plan_zones()

        for si, station in enumerate(stations):
            iso = self.countries[station.country][0]
            allowed = [
                (oi, org[3]) for oi, org in enumerate(self.orgs) if org[5] is None or iso in org[5]
            ]
            cum = list(accumulate(w for _, w in allowed))
            orgs = rng.choices([oi for oi, _ in allowed], cum_weights=cum, k=station.headcount)
            local_share = (
                0.3
                if station.area is None and not station.is_capital
                else (0.55 if station.is_capital else 0.7)
            )
            free: dict[int, list[int]] = {}
            for org in orgs:
                idx = len(self.p_station)
                self.p_station.append(si)
                self.p_org.append(org)
                self.p_local.append(rng.random() < local_share)
                self.p_zone.append(
                    rng.choice(station.zones) if station.zones and rng.random() < 0.9 else None
                )
                free.setdefault(org, []).append(idx)
            self.free.append(free)

    def _plan_zones(self) -> None:
        """Warden zones in large cities (¶19): named neighbourhoods, else compass points."""
        capitals = sorted(
            (i for i, s in enumerate(self.stations) if s.is_capital),
            key=lambda i: -self.stations[i].headcount,
        )
        large = set(capitals[: max(1, round(len(capitals) * 0.4))])
        for si, station in enumerate(self.stations):
            names = data.NEIGHBOURHOODS.get(station.name)
            if names is None and si in large:
                names = data.COMPASS_ZONES[: self.rng.randint(3, 5)]
            for name in names or ():
                station.zones.append(len(self.zones))
                self.zones.append((si, name))

    def take(self, station: int, org: int, *, local: bool | None = None, grade: str = "") -> int:
        """A person of ``org`` at ``station`` not yet picked for a role.

        When the station has none left, someone of the largest organization there moves
        over: every station must be able to fill every role.
        """
        free = self.free[station]
        bucket = free.get(org)
        if bucket:
            idx = bucket.pop()
        else:
            donor = max(free, key=lambda o: (len(free[o]), -o))
            idx = free[donor].pop()
            self.p_org[idx] = org
        if local is not None:
            self.p_local[idx] = local
        if grade:
            self.p_grade[idx] = grade
        return idx

    # -- appointments ---------------------------------------------------------------------

    def appoint(self, person: int, role: str, kind: str, scope: int) -> None:
        self.appointments.append((person, role, kind, scope))
        self.holders[(role, kind, scope)].append(person)

    def _agencies_in(self, country: int) -> list[int]:
        """UN agencies, funds and programmes working in the country (not UNSECOORD or MOU
        partners: they have no country representative under the framework)."""
        iso = self.countries[country][0]
        return [
            oi
            for oi, org in enumerate(self.orgs)
            if org[2] in ("agency", "fund", "programme") and (org[5] is None or iso in org[5])
        ]

    def _core_first(self, orgs: list[int]) -> list[int]:
        core = [self.org_index[c] for c in data.CORE_AGENCIES if self.org_index.get(c) in orgs]
        others = [o for o in orgs if o not in core]
        self.rng.shuffle(others)
        return core + others

    def _appointments(self) -> None:
        rng = self.rng
        org = self.org_index
        undp, unsecoord = org["undp"], org["unsecoord"]
        for si, station in enumerate(self.stations):
            ci = station.country
            agencies = [o for o in self._agencies_in(ci) if o != undp]
            if station.is_capital:
                # The DO is usually the UNDP Resident Representative (¶8); the heads of
                # agency form the Security Management Team with the DO (¶16).
                do = self.take(si, undp, local=False, grade="D-1")
                self.appoint(do, "designated_official", "country", ci)
                self.appoint(do, "country_representative", "country", ci)
                self.appoint(do, "smt", "duty_station", si)
                fsco = self.take(si, unsecoord, local=False, grade="P-4")
                self.appoint(fsco, "fsco", "country", ci)
                heads = self._core_first(agencies)[:7]
                for o in heads:
                    rep = self.take(si, o, local=False, grade=rng.choice(("P-5", "D-1")))
                    self.appoint(rep, "country_representative", "country", ci)
                    self.appoint(rep, "smt", "duty_station", si)
                for o in heads[:4]:
                    focal = self.take(si, o, grade=rng.choice(("P-3", "NO-C")))
                    self.appoint(focal, "country_focal_point", "country", ci)
                officers = [
                    org[c] for c in data.SECURITY_OFFICER_AGENCIES if org.get(c) in agencies
                ]
                for o in officers[:2]:
                    officer = self.take(si, o, local=False, grade="P-3")
                    self.appoint(officer, "agency_security_officer", "duty_station", si)
            else:
                # Deputy or assistant FSCOs at field stations (¶9); an area SMT of the
                # heads of office there.
                fsco = self.take(si, unsecoord, local=False, grade="P-3")
                self.appoint(fsco, "fsco", "duty_station", si)
                core = self._core_first(agencies)[:5]
                for o in rng.sample(core, min(3, len(core))):
                    head = self.take(si, o, local=False, grade="P-4")
                    self.appoint(head, "smt", "duty_station", si)
                if station.phase >= 3 and org.get("unhcr") in agencies:
                    officer = self.take(si, org["unhcr"], local=False, grade="P-3")
                    self.appoint(officer, "agency_security_officer", "duty_station", si)
            fsca = self.take(si, unsecoord, local=True, grade="G-6")
            self.appoint(fsca, "fsca", "duty_station", si)
            for zone in station.zones:
                # A warden and an alternate per zone (¶19), living in it.
                for _ in range(2):
                    warden = self.take(si, rng.choice(agencies + [undp]))
                    self.p_zone[warden] = zone
                    self.appoint(warden, "warden", "zone", zone)
        for ai in range(len(self.areas)):
            si = next(i for i, s in enumerate(self.stations) if s.area == ai)
            candidates = [org[c] for c in ("unhcr", "wfp", "unicef") if c in org] or [undp]
            asc = self.take(si, rng.choice(candidates), local=False, grade="P-4")
            self.appoint(asc, "area_coordinator", "area", ai)
        names = {s.name: i for i, s in enumerate(self.stations)}
        for oi, (_code, _name, kind, _share, hq_city, _c, _mou) in enumerate(self.orgs):
            hq = names.get(hq_city, 0)
            if kind == "unsecoord":
                head = self.take(hq, oi, local=False, grade="ASG")
                self.appoint(head, "unsecoord", "organization", oi)
                for _ in range(self.counts.inspectors):
                    inspector = self.take(hq, oi, local=False, grade="P-5")
                    self.appoint(inspector, "unsecoord_inspector", "organization", oi)
                continue
            head = self.take(hq, oi, local=False, grade="USG" if kind != "partner_ngo" else "D-2")
            self.appoint(head, "executive_head", "organization", oi)
            focal = self.take(hq, oi, local=False, grade="D-1")
            self.appoint(focal, "hq_focal_point", "organization", oi)

    # -- demo logins ----------------------------------------------------------------------

    def _holder(self, role: str, kind: str, scope: int, org: str | None = None) -> int:
        for person in self.holders[(role, kind, scope)]:
            if org is None or self.p_org[person] == self.org_index[org]:
                return person
        raise LookupError(f"no {role} over {kind} {scope} ({org})")

    def _demo_logins(self) -> None:
        o = self.org_index
        nairobi, kenya, afghanistan = 0, 0, 1
        mombasa = next(
            i for i, s in enumerate(self.stations) if s.country == kenya and not s.is_capital
        )
        coast = self.stations[mombasa].area
        gigiri = self.stations[nairobi].zones[0]
        staff = self.take(nairobi, o["unicef"], local=False, grade="P-3")
        self.p_zone[staff] = gigiri
        self.p_dependants[staff] = 2
        found = {
            "admin": self.take(nairobi, o["unsecoord"], local=False, grade="P-4"),
            "unsecoord": self._holder("unsecoord", "organization", o["unsecoord"]),
            "inspector": self._holder("unsecoord_inspector", "organization", o["unsecoord"]),
            "do.kenya": self._holder("designated_official", "country", kenya),
            "do.afghanistan": self._holder("designated_official", "country", afghanistan),
            "fsco.kenya": self._holder("fsco", "country", kenya),
            "fsca.nairobi": self._holder("fsca", "duty_station", nairobi),
            "rep.unicef.kenya": self._holder("country_representative", "country", kenya, "unicef"),
            "cfp.unicef.kenya": self._holder("country_focal_point", "country", kenya, "unicef"),
            "aso.unhcr.nairobi": self._holder(
                "agency_security_officer", "duty_station", nairobi, "unhcr"
            ),
            "smt.mombasa": self._holder("smt", "duty_station", mombasa),
            "asc.coast": self._holder("area_coordinator", "area", coast),
            "warden.nairobi": self._holder("warden", "zone", gigiri),
            "staff.nairobi": staff,
        }
        for code in ("unicef", "undp", "wfp", "unhcr", "iom"):
            found[f"hq.{code}"] = self._holder("hq_focal_point", "organization", o[code])
        self.logins = {login.username: found[login.username] for login in DEMO_LOGINS}

    # -- appointments in every state ------------------------------------------------------

    def _nominations(self) -> None:
        """ASC and warden nominations in every state, a DO ad interim awaiting UNSECOORD
        (¶8(b)) and an agency security officer awaiting clearance (annex ¶12). Nairobi's
        first zone and the Coast area hold every state, for the demo logins; the other zones
        and areas one state each, in turn."""
        rng = self.rng
        o = self.org_index
        nairobi, kenya = 0, 0
        mombasa = next(
            i for i, s in enumerate(self.stations) if s.country == kenya and not s.is_capital
        )
        coast = self.stations[mombasa].area

        def nominee(si: int) -> int:
            ci = self.stations[si].country
            return self.take(si, rng.choice(self._agencies_in(ci) + [o["undp"]]))

        turn = 0
        for si, station in enumerate(self.stations):
            for k, zone in enumerate(station.zones):
                states = (
                    WORKFLOW_STATES
                    if (si, k) == (nairobi, 0)
                    else (WORKFLOW_STATES[turn % len(WORKFLOW_STATES)],)
                )
                turn += 1
                for state in states:
                    person = nominee(si)
                    self.p_zone[person] = zone
                    # Open and approved nominations are alternates: the zone has its warden.
                    alternate = state in ("draft", "consultation", "pending") or turn % 2 == 0
                    self.nominations.append((person, "warden", "zone", zone, state, alternate))
        for ai in range(len(self.areas)):
            si = next(i for i, s in enumerate(self.stations) if s.area == ai)
            states = (
                WORKFLOW_STATES if ai == coast else (WORKFLOW_STATES[ai % len(WORKFLOW_STATES)],)
            )
            for state in states:
                self.nominations.append((nominee(si), "area_coordinator", "area", ai, state, False))

        logins = set(self.logins.values())
        reps = self.holders[("country_representative", "country", kenya)]
        acting = next(p for p in reps if p not in logins)
        self.interim = (acting, kenya)
        self.aso_proposed = (self.take(nairobi, o["unhcr"], local=False, grade="P-3"), nairobi)


# --- Insertion --------------------------------------------------------------------------------


class _Names:
    """Draws names from the pools; spouses and children follow the person's pool."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.intl_pools = list(data.INTERNATIONAL_POOLS)
        self.intl_cum = list(accumulate(data.INTERNATIONAL_POOLS.values()))
        self.homes: dict[str, list[str]] = defaultdict(list)
        for _iso, name, capital, _tz, pool, _phase, _fields in data.COUNTRIES:
            self.homes[pool].append(f"{capital}, {name}")

    def pool_for(self, country_pool: str, local: bool) -> str:
        if local:
            return country_pool
        return self.rng.choices(self.intl_pools, cum_weights=self.intl_cum)[0]

    def family(self, pool: str, female: bool) -> str:
        name = self.rng.choice(data.NAME_POOLS[pool]["family"])
        if "/" in name:
            masculine, feminine = name.split("/")
            return feminine if female else masculine
        return name

    def given(self, pool: str, female: bool) -> str:
        return self.rng.choice(data.NAME_POOLS[pool]["f" if female else "m"])


def _weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def bulk_insert(model, rows: list) -> list:
    """``bulk_create`` in batches of BATCH; the seeders that build on this one use it too."""
    model.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def seed_actors(run: DemoRun) -> dict[str, int]:
    """The actors' part of the demo (registered with accountability.core.demo, run first):
    organizations, places, people, dependants and the demo logins. Leaves ``plan`` (with
    who holds which role, and its generator, ``plan.rng``, for the draws that follow),
    ``inserted``, ``arrivals`` and ``arrivals_rng`` in ``run.shared`` for the seeders that
    build on them (appointments, training, inspections, meetings)."""
    plan = Plan(scale=run.scale, seed=run.seed)
    # A generator of its own: the arrivals, then the training draws (training/demo/), leave
    # the rest of the data set unchanged.
    arrivals_rng = random.Random(ARRIVALS_RNG.format(seed=run.seed))  # noqa: S311 - demo data
    arrivals = plan_arrivals(plan, today=run.today, rng=arrivals_rng)
    run.step(
        f"planned {len(plan.p_station)} personnel, {len(plan.stations)} duty stations, "
        f"{len(plan.appointments)} appointments"
    )
    summary, inserted = _insert(plan, run.step, arrivals)
    run.shared.update(plan=plan, inserted=inserted, arrivals=arrivals, arrivals_rng=arrivals_rng)
    run.analyze += ANALYZED
    return summary


# The tables seed_actors fills, analyzed once the whole seed is in.
ANALYZED = (
    "actors_organization",
    "actors_country",
    "actors_area",
    "actors_dutystation",
    "actors_wardenzone",
    "actors_person",
    "actors_dependant",
    "actors_user",
)


def _organizations(plan: Plan) -> list[m.Organization]:
    """The planned organizations, in plan order. Rows a migration already made (UNSECOORD,
    the provider of the course catalogue) are reused and brought in line with the plan."""
    existing = {
        org.code: org
        for org in m.Organization.objects.filter(code__in=[row[0] for row in plan.orgs])
    }
    orgs, new, changed = [], [], []
    for code, name, kind, _share, _hq, _countries, mou in plan.orgs:
        fields = {
            "name": name,
            "kind": kind,
            "mou_signed_on": dt.date.fromisoformat(mou) if mou else None,
        }
        org = existing.get(code)
        if org is None:
            org = m.Organization(code=code, **fields)
            new.append(org)
        elif any(getattr(org, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(org, key, value)
            changed.append(org)
        orgs.append(org)
    bulk_insert(m.Organization, new)
    for org in changed:
        org.save(update_fields=["name", "kind", "mou_signed_on", "updated_at"])
    return orgs


def _insert(
    plan: Plan, step: Callable[[str], None], arrivals: list[dt.date]
) -> tuple[dict[str, int], Inserted]:
    rng = plan.rng
    names = _Names(rng)

    orgs = _organizations(plan)
    countries = bulk_insert(
        m.Country,
        [m.Country(iso_code=iso, name=name) for iso, name, *_rest in plan.countries],
    )
    areas = bulk_insert(
        m.Area,
        [
            m.Area(
                country=countries[ci],
                name=name,
                description=f"{name}, away from the capital (¶17).",
            )
            for ci, name in plan.areas
        ],
    )
    stations = []
    phase_changes = []
    for s in plan.stations:
        since = ANCHOR - dt.timedelta(days=rng.randint(30, 900)) if s.phase else None
        stations.append(
            m.DutyStation(
                country=countries[s.country],
                name=s.name,
                is_capital=s.is_capital,
                area=areas[s.area] if s.area is not None else None,
                time_zone=s.time_zone,
                security_phase=s.phase,
                security_phase_since=since,
            )
        )
    bulk_insert(m.DutyStation, stations)
    for station in stations:
        if station.security_phase:
            phase_changes.append(
                m.SecurityPhaseChange(
                    duty_station=station,
                    phase=station.security_phase,
                    effective_from=station.security_phase_since,
                    reason="Declared by the Designated Official after consulting the SMT.",
                )
            )
    bulk_insert(m.SecurityPhaseChange, phase_changes)
    zones = bulk_insert(
        m.WardenZone,
        [
            m.WardenZone(
                duty_station=stations[si],
                name=name,
                description=f"Warden zone {name} of {plan.stations[si].name} (¶19).",
            )
            for si, name in plan.zones
        ],
    )
    step(
        f"{len(orgs)} organizations, {len(countries)} countries, {len(stations)} duty stations, "
        f"{len(areas)} areas, {len(zones)} warden zones"
    )

    # People, in plan order; the names are drawn here.
    per_org_seq = [0] * len(orgs)
    people: list[m.Person] = []
    female_of: list[bool] = []
    pool_of: list[str] = []
    for idx, si in enumerate(plan.p_station):
        station = plan.stations[si]
        country = plan.countries[station.country]
        oi = plan.p_org[idx]
        local = plan.p_local[idx]
        female = rng.random() < 0.5
        pool = names.pool_for(country[4], local)
        per_org_seq[oi] += 1
        code = plan.orgs[oi][0]
        index_number = f"{code.upper()}-{per_org_seq[oi]:06d}"
        zone = plan.p_zone[idx]
        grade = plan.p_grade.get(idx) or _weighted(
            rng, data.LOCAL_GRADES if local else data.INTERNATIONAL_GRADES
        )
        contract = _weighted(rng, data.LOCAL_CONTRACTS if local else data.INTERNATIONAL_CONTRACTS)
        quarter = plan.zones[zone][1] if zone is not None else f"Sector {rng.randint(1, 12)}"
        people.append(
            m.Person(
                organization=orgs[oi],
                duty_station=stations[si],
                family_name=names.family(pool, female),
                given_names=names.given(pool, female),
                index_number=index_number,
                category=m.PersonCategory.LOCAL if local else m.PersonCategory.INTERNATIONAL,
                contract_type=contract,
                grade=grade,
                email=f"{index_number.lower()}@{code}.example.org",
                radio_call_sign=(
                    f"{NATO[country[0][0]]} {NATO[code[0].upper()]} {rng.randint(1, 99)}"
                    if not local or zone is not None
                    else ""
                ),
                residential_address=f"House {rng.randint(1, 240)}, {quarter}, {station.name}",
                residential_zone=zones[zone] if zone is not None else None,
                arrived_on=arrivals[idx],
            )
        )
        female_of.append(female)
        pool_of.append(pool)

    # The demo logins, one password hash for all (hashing costs ~0.5 s each).
    password = make_password(DEMO_PASSWORD)
    users = []
    for login in DEMO_LOGINS:
        person = people[plan.logins[login.username]]
        users.append(
            m.User(
                username=login.username,
                email=f"{login.username}@demo.example.org",
                first_name=person.given_names,
                last_name=person.family_name,
                organization=person.organization,
                password=password,
                is_superuser=login.username == "admin",
                is_staff=login.username == "admin",
            )
        )
    bulk_insert(m.User, users)
    for login, user in zip(DEMO_LOGINS, users, strict=True):
        people[plan.logins[login.username]].user = user
    # By COPY (bulk.py): bulk_create spends most of its time building huge statements.
    copy_objects(m.Person, people, key=("organization", "index_number"))
    step(f"{len(people)} personnel")

    dependants: list[m.Dependant] = []
    residents: dict[int, list[m.Dependant]] = defaultdict(list)  # living at the duty station
    values, cum = DEPENDANTS_PER_PERSON
    for idx, person in enumerate(people):
        count = plan.p_dependants.get(idx)
        if count is None:
            count = rng.choices(values, cum_weights=cum)[0]
        if not count:
            continue
        pool, female = pool_of[idx], female_of[idx]
        station = plan.stations[plan.p_station[idx]]
        away = station.phase >= 3  # non-family duty station: households live elsewhere
        home = "" if plan.p_local[idx] else rng.choice(names.homes[pool])
        taken = set()
        for n in range(count):
            spouse = n == 0 and rng.random() < 0.75
            dep_female = (not female) if spouse else rng.random() < 0.5
            given = names.given(pool, dep_female)
            while given in taken:
                given = names.given(pool, dep_female) + (
                    f" {names.given(pool, dep_female)}" if rng.random() < 0.5 else ""
                )
            taken.add(given)
            if spouse:
                born = ANCHOR - dt.timedelta(days=rng.randint(25 * 365, 60 * 365))
            else:
                born = ANCHOR - dt.timedelta(days=rng.randint(200, 20 * 365))
            lives_here = not away and (plan.p_local[idx] or rng.random() < 0.9)
            dependant = m.Dependant(
                organization_id=person.organization_id,
                person_id=person.pk,
                family_name=names.family(pool, dep_female)
                if spouse and rng.random() < 0.3
                else person.family_name,
                given_names=given,
                relationship=m.Relationship.SPOUSE if spouse else m.Relationship.CHILD,
                birth_date=born,
                residential_address="" if lives_here else home,
                lives_at_duty_station=lives_here,
            )
            dependants.append(dependant)
            if lives_here:
                residents[idx].append(dependant)
    # Given names are unique within each household (``taken`` above).
    copy_objects(m.Dependant, dependants, key=("person", "given_names"))
    step(f"{len(dependants)} dependants")

    users_by_name = {login.username: user for login, user in zip(DEMO_LOGINS, users, strict=True)}
    scopes = {
        "organization": orgs,
        "country": countries,
        "duty_station": stations,
        "area": areas,
        "zone": zones,
    }
    inserted = Inserted(people, stations, orgs, users_by_name, dict(residents), scopes)
    return {
        "organizations": len(orgs),
        "countries": len(countries),
        "duty_stations": len(stations),
        "areas": len(areas),
        "warden_zones": len(zones),
        "personnel": len(people),
        "dependants": len(dependants),
        "logins": len(users),
    }, inserted
