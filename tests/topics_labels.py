"""What each of the 15 exchanges of the reference transcript is about, labelled by reading it.

Written before the automatic topics were tuned, and not changed to suit them: the benchmark
(bench/topics.py) and the floor in tests/test_topics.py measure the automatic topics against it.
A label matches a topic when, normalised (lower case, hyphens as spaces, last word singular), it is
the topic's name or one of its aliases. Only what the exchange is substantially about is labelled,
not every passing mention (q6 names the Gigafactory once as a use of CapEx: not labelled).
"""

LABELLED: dict[str, set[str]] = {
    # Model X orders and production ramp; stationary storage demand; its 15% gross margin target.
    "q1": {"model x", "stationary storage", "gross margin"},
    # Paying to activate Autopilot; CapEx after the Model X peak; positive free cash flow.
    "q2": {"autopilot", "capex", "free cash flow", "model x"},
    # Ride-sharing with autonomous cars (no comment); Autopilot miles and accidents prevented.
    "q3": {"autonomy", "autopilot"},
    # Hardware recalls and service centers; Autopilot sensor suite versus model years.
    "q4": {"recalls", "service centers", "autopilot", "sensors", "model year"},
    # GM's battery cost; orders up 50% by region; reports of Autopilot errors.
    "q5": {"battery", "orders", "autopilot"},
    # Model X rate and its constraints; CapEx next year and free cash flow break-even; Tesla Energy.
    "q6": {"model x", "capex", "free cash flow", "tesla energy"},
    # In-sourcing seats and tooling (Riviera); Model 3 time to market; Q4 deliveries and the Model X
    # ramp; ZEV credits after dieselgate.
    "q7": {"in-sourcing", "tooling", "model 3", "model x", "deliveries", "zev credits", "dieselgate"},
    # Plant changes and manufacturing cost; Autopilot and mapping; drive unit quality.
    "q8": {"manufacturing", "autopilot", "mapping", "drive unit"},
    # Gross margin over 18 months; Autopilot and full autonomy in the long term.
    "q9": {"gross margin", "autopilot", "autonomy"},
    # Q4 deliveries and the Model S; Model X production paced by the slowest supplier.
    "q10": {"deliveries", "model s", "model x", "suppliers"},
    # Dieselgate and emissions; demand for electric vehicles; Model X pricing.
    "q11": {"dieselgate", "emissions", "electric vehicles", "model x"},
    # Gigafactory ramp and cell production; Tesla Energy products; lease take rates.
    "q12": {"gigafactory", "battery", "tesla energy", "leasing"},
    # Model S deliveries from inventory; Model X pricing; CapEx and capital efficiency.
    "q13": {"inventory", "deliveries", "model s", "model x", "capex"},
    # Model X quality and ramp; Model 3 in two years; tooling on the critical path.
    "q14": {"model x", "model 3", "tooling"},
    # Model S and Model X demand; gross margin on the X; energy storage as a commodity business.
    "q15": {"model s", "model x", "gross margin", "energy storage"},
}


# --- real files of other genres (../shared/corpus/real/, read via tests.conftest.REAL) ----------
# Labelled by reading each file before any tuning for them. Keyed by turn id (turn ids come only from
# the order of turns): a label set belongs to the exchange or remarks block holding that turn, so a
# change in how turns are grouped into exchanges merges label sets rather than losing them. A unit of
# a labelled file with no label is about nothing a reader would name (procedure, thanks, banter).
# "a|b" lists spellings of one subject: a topic named by any of them matches.
# Topic names only: no transcript text is kept here (some of these files may not be committed).

SUPREME_COURT, ROBERTS = "supreme court", "judge roberts|john roberts|roberts"

LABELLED_REAL: dict[str, dict[str, set[str]]] = {
    # Senate floor, 20 July 2005: speeches on the nomination of John Roberts to the Supreme Court.
    "crec/CREC-2005-07-20-pt1-PgS8504-2.htm": {
        # Reid: the nomination, the Judiciary Committee's hearings, precedent, O'Connor's seat.
        "t1": {SUPREME_COURT, ROBERTS, "judiciary committee", "stare decisis|precedent",
               "justice o'connor|sandra day o'connor|o'connor"},
        # McConnell: a fair process and an up-or-down vote, as Ginsburg was given.
        "t3": {SUPREME_COURT, ROBERTS, "up-or-down vote", "justice ginsburg|ginsburg|ruth bader ginsburg"},
        # Brownback: the role of the federal courts; interest groups; filibusters; an up-or-down vote.
        "t5": {SUPREME_COURT, ROBERTS, "confirmation process", "federal courts|federal court", "interest groups",
               "up-or-down vote"},
        "t9": {SUPREME_COURT},
        # Coleman: Roberts' record; confirmation hearings.
        "t15": {SUPREME_COURT, ROBERTS, "judiciary committee", "confirmation hearings|confirmation process"},
        # Leahy: the nomination, O'Connor's seat, the activist Rehnquist Court, the committee's record.
        "t19": {SUPREME_COURT, ROBERTS, "justice o'connor|sandra day o'connor|o'connor", "judiciary committee",
                "rehnquist court"},
        # Kennedy: the commerce clause (Rancho Viejo), civil rights, Roe v. Wade, judicial philosophy.
        "t21": {SUPREME_COURT, ROBERTS, "commerce clause", "civil rights", "roe v. wade|roe",
                "judicial philosophy"},
    },
    # Refinitiv call of an office REIT, Q3 2022.
    "refinitiv/Q3-2022-Brandywine-Realty-Trust-Earnings-Call.txt": {
        # Prepared remarks: occupancy and leasing, mark-to-market, FFO, bond maturities, development.
        "t2": {"leasing|leasing pipeline", "occupancy", "ffo", "mark-to-market", "bonds|bond maturity|refinancing",
               "development|development pipeline"},
        # CFO: FFO, interest expense, net debt to EBITDA, line of credit, bonds, asset sales.
        "t3": {"ffo", "interest expense", "net debt to ebitda|ebitda", "line of credit",
               "bonds|bond maturity|refinancing", "asset sales"},
        "t4": {"leasing|leasing pipeline", "rollover|rollover exposure"},
        # Demand at Schuylkill Yards and Uptown ATX (life science); asset sales and funding development.
        "t6": {"schuylkill yards", "uptown atx|uptown", "life science", "asset sales|dispositions",
               "development"},
        # Buyer pools for dispositions; debt maturities and refinancing.
        "t11": {"asset sales|dispositions", "refinancing|debt maturities", "cap rate"},
        # Philadelphia's perception; lease rollover and mark-to-market rents.
        "t17": {"philadelphia", "rollover|lease rollover|rollover exposure", "mark-to-market", "university city"},
        # Dispositions at a sub-6 cap rate; acquisitions; share repurchases.
        "t24": {"asset sales|dispositions", "cap rate", "share repurchases", "acquisitions"},
        # Debt cost, spreads, the term loan.
        "t31": {"debt cost|debt", "term loan", "spreads"},
    },
    # Supreme Court oral argument, 1952 (the file holds the opening of Davis's argument; labelled by
    # reading it after the first round of tuning on the other files, before any tuning for it).
    "court/youngstown-v-sawyer-1952.md": {
        # Davis: the steel strike, the Wage Stabilization Board, Executive Order 10340, the Secretary of
        # Commerce's seizure of the mills, the preliminary injunction below.
        "t4": {"seizure|steel seizure", "executive order", "secretary of commerce|sawyer|charles sawyer",
               "wage stabilization board", "strike|steel strike", "preliminary injunction|injunction",
               "steelworkers|united steelworkers|union"},
    },
    # Motley Fool call of a fibre-connectivity maker, Q4 fiscal 2025: labelled by reading it before any
    # tuning, and held out (no rule was written looking at it): it checks that the rules generalise.
    "motleyfool/Clearfield_CLFD_Q4_2025_Earnings_Call_Transcript_11.txt": {
        "t1": {"nestor|nestor cables"},  # the safe harbour, and the sale of Nestor Cables
        # The year; selling Nestor; the strategy; splice cases and the data-centre cassette; channels; BEAD.
        "t2": {"net sales", "nestor|nestor cables", "better broadband and beyond", "community broadband",
               "splice case", "cassette|fiber management cassette", "data center", "distribution channels",
               "bead|bead program"},
        # CFO: net sales and gross margin of continuing operations, EPS, buybacks, the 2026 outlook, BEAD.
        "t3": {"net sales", "continuing operations|discontinued operations", "gross margin",
               "earnings per share|net income per share|eps", "share repurchases|share buyback|buyback",
               "operating expenses", "bead|bead program"},
        # The shutdown and BEAD on bookings; community broadband; gross margin outlook; fibre supply.
        "t7": {"government shutdown|shutdown", "bead|bead program", "bookings", "community broadband",
               "gross margin", "fiber supply|fiber"},
        # Nestor's quarter; community broadband and the MSO and large regional markets; BEAD in the
        # outlook; the new splice cases and the data-centre cassette.
        "t19": {"nestor|nestor cables", "community broadband", "mso|msos", "large regional|large regionals",
                "bead|bead program", "splice case", "cassette|data center cassette", "data center", "new products"},
        # BEAD orders and the addressable share; splice cases and cabinets against competitors; closing:
        # Nestor, vertical integration.
        "t31": {"bead|bead program", "splice case", "cabinet", "nestor|nestor cables",
                "vertical integration|vertically integrated"},
    },
    # Ladybug podcast, episode 17: technical portfolios.
    "ladybug/17-technical-portfolios.md": {
        "t1": {"portfolio|technical portfolio"},
        "t5": {"netlify"},  # the sponsor's read
        "t7": {"portfolio|technical portfolio", "personal site"},
        "t8": {"portfolio|technical portfolio", "github pages"},
        "t9": {"portfolio|technical portfolio"},
        "t10": {"portfolio|technical portfolio"},
        "t11": {"portfolio|technical portfolio"},
        "t12": {"portfolio|technical portfolio", "junior developer"},
        "t13": {"portfolio|technical portfolio", "freelancing"},
        "t14": {"portfolio|technical portfolio", "static site", "custom domain"},
        "t17": {"portfolio|technical portfolio", "gatsby", "react live"},
        "t18": {"portfolio|technical portfolio"},
        "t19": {"gatsby"},
        "t21": {"gatsby", "personal site"},
        "t22": {"portfolio|technical portfolio"},
        "t35": {"portfolio|technical portfolio", "canonical url", "blogging|blog"},
        "t36": {"portfolio|technical portfolio"},
        "t37": {"portfolio|technical portfolio"},
        "t39": {"portfolio|technical portfolio"},
        "t40": {"static site generator", "gatsby", "html", "css"},
        "t41": {"gatsby", "react"},
        "t42": {"portfolio|technical portfolio", "static site generator"},
        "t43": {"static site generator", "gatsby", "react"},
        "t45": {"static site generator", "wordpress", "wix", "squarespace"},
        "t46": {"wix", "squarespace", "design"},
        "t47": {"webflow"},
        "t49": {"webflow", "github pages", "netlify", "wordpress"},
        "t50": {"custom domain"},
        "t51": {"wordpress"},
        "t53": {"github", "portfolio|technical portfolio", "linkedin"},
        "t55": {"github", "portfolio|technical portfolio"},
        "t56": {"github", "portfolio|technical portfolio"},
        "t57": {"portfolio|technical portfolio", "backend developer"},
        "t58": {"frontend"},
        "t60": {"portfolio|technical portfolio"},
        "t61": {"side projects"},
        "t62": {"portfolio|technical portfolio", "side projects"},
        "t63": {"github", "portfolio|technical portfolio"},
        "t64": {"portfolio|technical portfolio", "design"},
        "t65": {"design|visual design", "color theory"},
        "t66": {"designspiration"},
        "t69": {"portfolio|technical portfolio", "github"},
        "t70": {"portfolio|technical portfolio"},
        "t71": {"portfolio|technical portfolio"},
        "t72": {"semantic html", "accessibility", "lighthouse"},
        "t74": {"portfolio|technical portfolio"},
        "t77": {"portfolio|technical portfolio"},
        "t81": {"portfolio|technical portfolio"},
        "t82": {"portfolio|technical portfolio"},
        "t84": {"portfolio|technical portfolio", "webgl"},
        "t85": {"portfolio|technical portfolio"},
        "t86": {"portfolio|technical portfolio"},
        "t89": {"pwa", "vue"},
        "t90": {"portfolio|technical portfolio", "gatsby", "react live"},
        "t91": {"blogging|blog"},
        "t92": {"portfolio|technical portfolio", "ladybug podcast|ladybug"},
    },
}
