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
