"""Demo content for the knowledge repository: resources and collections, in English and Spanish."""

RESOURCES = [
    {
        "slug": "what-makes-a-program-worker-driven",
        "language": "en",
        "title": "What makes a program worker-driven?",
        "summary": (
            "A short analysis of the difference between programs designed for workers and programs "
            "designed, monitored and enforced by workers themselves. It sets out the questions the "
            "Collaborative asks when an initiative calls itself worker-driven."
        ),
        "kind": "analysis",
        "sectors": ["agriculture", "apparel"],
        "countries": ["US", "BD"],
        "principles": [1, 2],
        "tags": ["worker leadership", "governance", "wsr model"],
        "year": 2016,
        "audience": "public",
        "body": [
            ("heading", "Designed by workers, not for them"),
            (
                "paragraph",
                "<p>Many supply chain programs consult workers. Few give them power. In a "
                "<strong>worker-driven</strong> program, the organization that represents the "
                "workers identifies the abuses to be fixed, writes the standards with the buyers "
                "at the table, trains workers on their rights, and has a formal role in deciding "
                "when a supplier has failed. Consultation can be withdrawn at any time; a role "
                "written into a binding agreement cannot. That difference decides whether a "
                "program survives its first hard dispute with a large supplier, or quietly drifts "
                "back to the priorities of the companies that fund it.</p>",
            ),
            ("heading", "Four questions to ask"),
            (
                "paragraph",
                "<p>Before calling a program worker-driven, ask:</p><ol><li>Who wrote the "
                "standards, and could workers have said no to them?</li><li>Who can file a "
                "complaint, and who decides the outcome?</li><li>Is the workers' organization a "
                "party to the agreement with buyers?</li><li>Who runs the education sessions, and "
                "what is said in them?</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "Consultation is not control: look for a formal, written role for workers.",
                    "The workers' organization should be a party to the agreements that bind "
                    "buyers.",
                    "Worker leadership shows up in the standards, the complaint process and the "
                    "education.",
                ],
            ),
        ],
    },
    {
        "slug": "fair-food-program-tomato-fields-case-study",
        "language": "en",
        "title": "The Fair Food Program in Florida's tomato fields: a case study",
        "summary": (
            "How farmworkers in Immokalee turned a campaign aimed at the largest buyers of "
            "tomatoes into a binding program, and which design choices made enforcement stick."
        ),
        "kind": "case_study",
        "sectors": ["agriculture"],
        "countries": ["US"],
        "principles": [1, 4, 6],
        "tags": ["campaigns", "complaint mechanism", "premiums"],
        "year": 2017,
        "audience": "public",
        "body": [
            ("heading", "From campaign to program"),
            (
                "paragraph",
                "<p>For years, tomato pickers in southwest Florida were paid piece rates that had "
                "barely moved in decades. They worked long days in punishing heat, and wage theft "
                "and sexual harassment were common. The Coalition of Immokalee Workers did not "
                "ask growers for voluntary improvements. It asked the buyers at the top of the "
                "chain, fast food companies and later supermarkets and food service firms, to "
                "sign agreements committing them to pay a small premium per pound and to stop "
                "buying from farms that broke a code of conduct written with workers. After a "
                "long public campaign, one buyer after another signed.</p>",
            ),
            (
                "paragraph",
                "<p>The program that followed rests on a few choices: a <strong>Fair Food "
                "premium</strong> passed through growers to workers' paychecks; a code with zero "
                "tolerance for forced labor and sexual assault; a complaint line open around the "
                "clock and answered by an independent monitoring body; and education sessions led "
                "by workers, on the farm, during paid time.</p>",
            ),
            (
                "quote",
                "Before, if you complained, you lost your job. Now the farm risks losing its "
                "buyers.",
                "A tomato harvester, Immokalee",
            ),
            (
                "key_takeaways",
                [
                    "Target the buyers with purchasing power, not only the employers.",
                    "Make the premium and the market consequences part of the same agreement.",
                    "A complaint line only works if a resolution follows quickly and visibly.",
                ],
            ),
        ],
    },
    {
        "slug": "how-a-penny-per-pound-premium-works",
        "language": "en",
        "title": "How a penny per pound works: the Fair Food premium",
        "summary": (
            "An explainer on how a small per-pound premium paid by buyers reaches workers as a "
            "line on their pay stubs, and the accounting controls that keep it there."
        ),
        "kind": "best_practice",
        "sectors": ["agriculture"],
        "countries": ["US"],
        "principles": [3, 5],
        "tags": ["premiums", "wages", "buyer obligations"],
        "year": 2015,
        "audience": "public",
        "body": [
            ("heading", "A small number with a large effect"),
            (
                "paragraph",
                "<p>A premium of one cent per pound sounds trivial to a restaurant chain. To a "
                "picker who fills hundreds of buckets a week, it becomes a real share of income. "
                "The design challenge is not the size of the premium but its path. The buyer pays "
                "the premium to the grower with each purchase; the grower passes it through "
                "payroll as a separate, labeled line; and the monitoring body reconciles what "
                "buyers report paying with what growers report distributing. A premium that "
                "disappears into general farm revenue helps no one and undermines workers' trust "
                "in the whole program.</p>",
            ),
            ("heading", "Controls that keep the money moving"),
            (
                "paragraph",
                "<p>Programs that have made premiums work share three habits:</p><ul><li>The "
                "premium appears as its own line on every pay stub.</li><li>Buyer payments and "
                "grower distributions are reconciled every season.</li><li>Workers learn in "
                "education sessions what the line means and whom to call if it is "
                "missing.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "The path of the premium matters more than its size.",
                    "Reconcile buyer payments against payroll every season.",
                    "Workers who can read their pay stubs are the best check on the premium.",
                ],
            ),
        ],
    },
    {
        "slug": "why-social-audits-fail-workers",
        "language": "en",
        "title": "Why social audits fail workers",
        "summary": (
            "An analysis of the structural reasons conventional social audits miss forced labor, "
            "harassment and unsafe buildings, and of what worker-driven verification does "
            "differently."
        ),
        "kind": "analysis",
        "sectors": ["apparel", "agriculture"],
        "countries": ["BD", "PK"],
        "principles": [6, 1],
        "tags": ["audits", "verification", "corporate social responsibility"],
        "year": 2018,
        "audience": "public",
        "body": [
            ("heading", "The audit that found nothing"),
            (
                "paragraph",
                "<p>Factories that later collapsed or burned had, in several well-known cases, "
                "passed social audits months before. This is not bad luck. Conventional audits "
                "are short, often announced visits, paid for by the supplier or the brand and "
                "carried out in a day or two by firms that compete on price. Workers are "
                "interviewed on site, often with managers nearby, and have no reason to believe "
                "anything will change if they speak. The audit produces a report for the brand, "
                "not a remedy for the worker. When an audit certifies a workplace it cannot see "
                "into, it does more harm than silence, because it gives the brand an alibi.</p>",
            ),
            ("heading", "What changes in a worker-driven model"),
            (
                "paragraph",
                "<p>Verification still includes visits and document review, but it is tied to "
                "three things audits lack: a <strong>complaint mechanism</strong> that workers "
                "use between visits, interviews conducted away from management by investigators "
                "who come back, and binding consequences when violations are found. The audit "
                "becomes one input into enforcement rather than the end of the process.</p>",
            ),
            (
                "key_takeaways",
                [
                    "Audits paid for and shaped by the audited rarely find what matters.",
                    "Workers speak when speaking leads to a remedy.",
                    "Verification without consequences is public relations.",
                ],
            ),
        ],
    },
    {
        "slug": "from-rana-plaza-to-the-accord",
        "language": "en",
        "title": "From Rana Plaza to the Accord: lessons for building safety",
        "summary": (
            "What the garment sector learned when brands moved from voluntary safety pledges to a "
            "binding, inspected and enforceable agreement with unions in Bangladesh."
        ),
        "kind": "lesson_learned",
        "sectors": ["apparel"],
        "countries": ["BD"],
        "principles": [2, 4, 6],
        "tags": ["building safety", "binding agreements", "inspections"],
        "year": 2014,
        "audience": "public",
        "body": [
            ("heading", "A disaster that audits did not prevent"),
            (
                "paragraph",
                "<p>The collapse of the Rana Plaza building in 2013 killed more than a thousand "
                "garment workers. Brands sourcing from factories in the building had codes of "
                "conduct and audit programs, and the audits had not stopped anyone from sending "
                "workers back into a cracked building. What the brands lacked was an obligation "
                "to pay for repairs, to keep ordering from factories while repairs were made, and "
                "to leave factories that refused. The Accord on Fire and Building Safety, signed "
                "by unions and brands in the weeks that followed, wrote those obligations into a "
                "contract that could be enforced through arbitration.</p>",
            ),
            ("heading", "What made the difference"),
            (
                "paragraph",
                "<p>Three lessons stand out:</p><ol><li><strong>Independent engineering "
                "inspections</strong> with public reports, so that hazards could not be quietly "
                "shelved.</li><li><strong>Financing obligations</strong> on brands, so that "
                "factories could not plead poverty.</li><li><strong>A complaint channel</strong> "
                "for workers to report cracks and blocked exits, backed by the right to refuse "
                "unsafe work.</li></ol>",
            ),
            (
                "quote",
                "The walls had been inspected in the audits. Nobody had to fix them.",
                "A garment union organizer, Dhaka",
            ),
            (
                "key_takeaways",
                [
                    "A binding agreement changed what brands were obliged to do, not just what "
                    "they promised.",
                    "Public inspection reports created pressure to fix hazards.",
                    "The right to refuse unsafe work needs a channel that protects the worker who "
                    "uses it.",
                ],
            ),
        ],
    },
    {
        "slug": "designing-a-complaint-mechanism-workers-trust",
        "language": "en",
        "title": "Designing a complaint mechanism workers trust",
        "summary": (
            "Practical guidance on building a complaint mechanism that workers actually use: "
            "access, confidentiality, speed, protection from retaliation and visible remedies."
        ),
        "kind": "best_practice",
        "sectors": ["agriculture", "dairy"],
        "countries": ["US"],
        "principles": [6],
        "tags": ["complaint mechanism", "retaliation", "remedy"],
        "year": 2019,
        "audience": "public",
        "body": [
            ("heading", "Trust is earned case by case"),
            (
                "paragraph",
                "<p>A complaint mechanism is only as good as its last resolved case. Workers "
                "decide whether to call by watching what happened to the last person who did. "
                "Programs that have built trust share a few features: a line answered around the "
                "clock in the languages workers speak; investigators independent of both employer "
                "and buyer; a promise, kept, that the worker's identity stays protected unless "
                "they choose otherwise; and a resolution that workers can see, such as back pay, "
                "a supervisor removed or a practice changed. Suggestion boxes and company "
                "hotlines routed to human resources rarely meet these tests.</p>",
            ),
            ("heading", "Minimum features"),
            (
                "paragraph",
                "<p>At a minimum, a complaint mechanism should offer:</p><ul><li>Several "
                "channels: phone, text message, in person and through the workers' "
                "organization.</li><li>Acknowledgment within a day and investigation within days, "
                "not months.</li><li>Interim protection against retaliation while a complaint is "
                "open.</li><li>A report back to the worker, and aggregated reporting to the "
                "program.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Workers judge a complaint line by the last case it resolved.",
                    "Independence from employer and buyer is not optional.",
                    "Retaliation must itself be treated as a serious violation.",
                ],
            ),
        ],
    },
    {
        "slug": "complaint-resolution-times-benchmark",
        "language": "en",
        "title": "How fast is fast enough? Benchmarking complaint resolution times",
        "summary": (
            "A comparative report on how long complaints take to resolve in worker-driven and "
            "conventional programs, and why speed is itself a measure of worker protection."
        ),
        "kind": "report",
        "sectors": ["agriculture", "apparel"],
        "countries": ["US", "BD"],
        "principles": [6, 5],
        "tags": ["complaint mechanism", "data", "remedy"],
        "year": 2021,
        "audience": "public",
        "body": [
            ("heading", "Why time matters"),
            (
                "paragraph",
                "<p>For a seasonal worker, a complaint resolved after the harvest ends is a "
                "complaint not resolved. This report draws on program reports and interviews with "
                "partner organizations and finds a consistent pattern. In worker-driven programs "
                "with dedicated investigators and binding consequences, most complaints close "
                "within weeks and many within days. In conventional grievance schemes tied to "
                "audit cycles, complaints wait for the next visit and often close without a "
                "finding. The difference is not staffing alone: where buyers must act on "
                "findings, suppliers have a reason to cooperate quickly.</p>",
            ),
            ("heading", "Recommendations"),
            (
                "paragraph",
                "<p>Programs should <strong>publish median resolution times</strong>, track the "
                "share of complaints resolved within the season in which they were filed, and "
                "report separately how many complaints alleged retaliation and how those were "
                "resolved.</p>",
            ),
            (
                "key_takeaways",
                [
                    "Measure time to resolution, not just the number of complaints received.",
                    "Resolution within the season is the test that matters to seasonal workers.",
                    "Binding consequences give suppliers a reason to cooperate quickly.",
                ],
            ),
        ],
    },
    {
        "slug": "milk-with-dignity-early-lessons",
        "language": "en",
        "title": "Milk with Dignity: early lessons from Vermont's dairy farms",
        "summary": (
            "How dairy workers in Vermont adapted the worker-driven model to small, isolated "
            "farms, with standards on housing and rest days and a premium paid by the buyer."
        ),
        "kind": "case_study",
        "sectors": ["dairy"],
        "countries": ["US"],
        "principles": [1, 3, 5],
        "tags": ["premiums", "housing", "rest days"],
        "year": 2020,
        "audience": "public",
        "body": [
            ("heading", "A different kind of workplace"),
            (
                "paragraph",
                "<p>Dairy farms in Vermont are small, scattered across rural counties and often "
                "staffed by a handful of migrant workers who live in housing provided by the "
                "employer. Many workers have no car and fear immigration enforcement whenever "
                "they leave the farm. Migrant Justice, an organization led by dairy workers, "
                "built its program around these realities: a code covering wages, schedules, rest "
                "days and housing; a <strong>premium</strong> paid by the buyer to participating "
                "farms to help them meet the standards; and a support line workers can call at "
                "any hour. Education happens on farms and in workers' homes, because workers "
                "cannot easily travel to meetings.</p>",
            ),
            (
                "quote",
                "We asked for one day off a week and a house without mold. Now it is written down "
                "and someone checks.",
                "A dairy worker, Vermont",
            ),
            ("heading", "What transferred and what did not"),
            (
                "paragraph",
                "<p>The core elements carried over from the fields to the barns: a binding "
                "agreement with the buyer, a premium, independent monitoring and worker-to-worker "
                "education. What changed was scale and intimacy. On a farm with four workers, "
                "anonymity is nearly impossible, so the program has to make <em>retaliation</em> "
                "itself a serious violation and respond to it fast.</p>",
            ),
            (
                "key_takeaways",
                [
                    "Adapt the standards to the workplace: on dairy farms, housing is a labor "
                    "issue.",
                    "A buyer-paid premium helps small farms afford compliance.",
                    "Where anonymity is impossible, protection from retaliation is everything.",
                ],
            ),
        ],
    },
    {
        "slug": "worker-to-worker-education-sessions",
        "language": "en",
        "title": "Designing worker-to-worker education sessions",
        "summary": (
            "A training guide for organizations planning on-the-clock education sessions led by "
            "workers, with a sample agenda, facilitation tips and simple ways to check what "
            "workers remember."
        ),
        "kind": "training",
        "sectors": ["agriculture"],
        "countries": ["US"],
        "principles": [7],
        "tags": ["worker education", "facilitation", "peer educators"],
        "year": 2016,
        "audience": "public",
        "body": [
            ("heading", "Why workers teach workers"),
            (
                "paragraph",
                "<p>Rights printed on a poster are easy to ignore. Rights explained by someone "
                "who has worked the same rows, in the same language, are remembered. "
                "Worker-to-worker education works because the educator is credible and because "
                "the session happens on the job, on paid time, with the employer's duty to host "
                "it written into the program. A good session is short, lively and concrete: who "
                "to call, what counts as a violation, what happens after a complaint, and why "
                "retaliation is itself a violation. Skits and role plays carry more than "
                "slides.</p>",
            ),
            ("heading", "A sample 45-minute agenda"),
            (
                "paragraph",
                "<p>Adapt the timings to the crew and the season:</p><ol><li>Welcome, and why the "
                "program exists (5 minutes)</li><li>Skit: a supervisor's threat, and what to do "
                "about it (10 minutes)</li><li>Your rights under the code (15 "
                "minutes)</li><li>How to file a complaint, with the phone number on a card (10 "
                "minutes)</li><li>Questions, in small groups (5 minutes)</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "Educators should be workers from the same sector and community.",
                    "Sessions belong on paid time, at the workplace.",
                    "End every session with the complaint number in workers' hands.",
                ],
            ),
        ],
    },
    {
        "slug": "heat-stress-protections-in-the-fields",
        "language": "en",
        "title": "Heat stress protections in the fields: what works",
        "summary": (
            "Good practice for protecting farmworkers from heat: shade, water, rest, "
            "acclimatization and the right to stop work, enforced through the program rather than "
            "left to employers."
        ),
        "kind": "best_practice",
        "sectors": ["agriculture"],
        "countries": ["US", "MX"],
        "principles": [5, 6],
        "tags": ["heat stress", "health and safety", "rest breaks"],
        "year": 2023,
        "audience": "public",
        "body": [
            ("heading", "Heat is a labor rights issue"),
            (
                "paragraph",
                "<p>As summers get hotter, heat illness has become one of the most serious "
                "hazards farmworkers face. Piece-rate pay pushes workers to skip breaks, and "
                "supervisors under pressure to finish a field discourage rest. Government heat "
                "rules, where they exist, are rarely inspected in time to matter. Worker-driven "
                "programs have added heat protections to their codes: cool drinking water and "
                "shade within reach, mandatory rest as temperatures rise, gradual acclimatization "
                "for new workers, training on the signs of heat illness, and the explicit right "
                "to stop work and seek care without losing pay or the job. Workers can report a "
                "violation through the complaint line the same day.</p>",
            ),
            ("heading", "Checklist for a heat standard"),
            (
                "paragraph",
                "<p>A heat standard should include at least:</p><ul><li>Water and shade close to "
                "where people work, not at the edge of the field.</li><li>Rest periods that "
                "increase with the heat index, paid for piece-rate workers.</li><li>A lighter "
                "workload for new and returning workers during their first week.</li><li>A named "
                "person on each crew trained to recognize heat illness.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Heat protections must be paid, or piece-rate workers will skip them.",
                    "The right to stop work must come with protection from retaliation.",
                    "Same-day complaints make heat rules enforceable in practice.",
                ],
            ),
        ],
    },
    {
        "slug": "anatomy-of-an-enforceable-brand-agreement",
        "language": "en",
        "title": "Anatomy of an enforceable brand agreement",
        "summary": (
            "A clause-by-clause toolkit on what makes an agreement between workers' organizations "
            "and buyers binding: parties, obligations, financing, consequences and dispute "
            "resolution."
        ),
        "kind": "toolkit",
        "sectors": ["apparel", "agriculture"],
        "countries": ["BD", "PK", "US"],
        "principles": [2, 3, 4],
        "tags": ["binding agreements", "contracts", "arbitration"],
        "year": 2019,
        "audience": "public",
        "body": [
            ("heading", "Not a pledge, a contract"),
            (
                "paragraph",
                "<p>A code of conduct is a promise a company makes to itself. A binding agreement "
                "is a promise made to someone who can hold the company to it. The difference "
                "shows up in the text. An enforceable agreement names the workers' organization "
                "as a party; states the buyer's obligations in terms that can be checked, such as "
                "paying a premium, sourcing only from compliant suppliers or financing repairs; "
                "sets out what happens when a supplier breaks the standards; and provides a way "
                "to settle disputes, such as arbitration, whose decisions can be enforced in "
                "court.</p>",
            ),
            ("heading", "Checklist of clauses"),
            (
                "paragraph",
                "<p>An enforceable agreement usually covers:</p><ol><li>Parties and scope: which "
                "suppliers, products and countries</li><li>Standards, by reference to a code "
                "written with workers</li><li>Buyer obligations: prices, premiums and "
                "financing</li><li>Consequences: suspension of purchases for serious "
                "violations</li><li>Verification and the complaint mechanism</li><li>Term, "
                "renewal and dispute resolution</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "If the workers' organization cannot enforce it, it is not binding.",
                    "Write buyer obligations so that a third party could check them.",
                    "Dispute resolution is what turns a promise into a contract.",
                ],
            ),
        ],
    },
    {
        "slug": "wsr-assessment-framework-first-version",
        "language": "en",
        "title": "The WSR assessment framework: first version",
        "summary": (
            "The Collaborative's framework for assessing whether an initiative meets the seven WSR "
            "principles, with indicators, types of evidence and a four-level scoring scale."
        ),
        "kind": "assessment_framework",
        "sectors": ["agriculture", "apparel"],
        "countries": ["US", "BD"],
        "principles": [1, 5, 6],
        "tags": ["assessment", "indicators", "scoring"],
        "year": 2022,
        "audience": "public",
        "body": [
            ("heading", "Purpose"),
            (
                "paragraph",
                "<p>More and more initiatives describe themselves as worker-driven. This "
                "framework gives workers' organizations, funders and buyers a shared way to test "
                "that claim. Each of the seven principles is broken into indicators, and each "
                "indicator names the evidence an assessor should look for: signed agreements, "
                "premium reconciliations, complaint logs, education attendance, and interviews "
                "with workers held away from management. Assessors score each principle on a "
                "four-level scale, and every score must cite its evidence. The framework will be "
                "revised as experience grows, and each assessment records the version it used.</p>",
            ),
            ("heading", "The scoring scale"),
            (
                "paragraph",
                "<p>Each principle is scored on the same scale:</p><ul><li><strong>0, "
                "absent:</strong> no evidence the principle is addressed.</li><li><strong>1, "
                "stated:</strong> the principle appears in documents but not in "
                "practice.</li><li><strong>2, partial:</strong> in practice for some workers, "
                "suppliers or issues.</li><li><strong>3, in place:</strong> in practice across "
                "the program, with evidence of results.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Every score must cite evidence, not impressions.",
                    "Interviews with workers away from management are required evidence.",
                    "Assessments keep the framework version they were made with.",
                ],
            ),
        ],
    },
    {
        "slug": "scoring-market-consequences-indicator-guide",
        "language": "en",
        "title": "Scoring market consequences: an indicator guide",
        "summary": (
            "Guidance for assessors on the principle that suppliers who violate the standards must "
            "lose business, including what counts as evidence and the common ways programs fall "
            "short."
        ),
        "kind": "assessment_framework",
        "sectors": ["agriculture", "apparel"],
        "countries": ["US", "BD"],
        "principles": [4],
        "tags": ["assessment", "market consequences", "suspension"],
        "year": 2023,
        "audience": "public",
        "body": [
            ("heading", "The principle"),
            (
                "paragraph",
                "<p>A standard with no consequence is advice. Under the fourth WSR principle, "
                "buyers commit in advance to stop or reduce purchases from suppliers that commit "
                "serious violations or refuse to fix them, and they follow through. Assessors "
                "should look for three things: a written commitment in the agreement, a defined "
                "list of violations that trigger suspension, and a record showing that the "
                "commitment has been applied. A program that has never suspended a supplier is "
                "not necessarily weak, since a credible threat can be enough, but assessors "
                "should ask whether suppliers believe the threat.</p>",
            ),
            ("heading", "Common shortfalls"),
            (
                "paragraph",
                "<p>Assessors most often find:</p><ul><li>Discretionary language: the buyer "
                "<em>may</em> act rather than <em>will</em> act.</li><li>Consequences limited to "
                "corrective action plans that never end.</li><li>No record of any buyer following "
                "through.</li><li>Consequences applied only to the smallest suppliers.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Look for commitments written in advance, not decided case by case.",
                    "Ask suppliers whether they believe the consequence is real.",
                    "Endless corrective action plans are not a market consequence.",
                ],
            ),
        ],
    },
    {
        "slug": "from-codes-of-conduct-to-contracts",
        "language": "en",
        "title": "From codes of conduct to contracts",
        "summary": (
            "An analysis of three decades of voluntary corporate codes, why they have failed to "
            "change conditions at the base of supply chains, and how binding agreements differ."
        ),
        "kind": "analysis",
        "sectors": ["apparel"],
        "countries": ["US", "BD", "KH"],
        "principles": [2, 4],
        "tags": ["corporate social responsibility", "binding agreements", "audits"],
        "year": 2015,
        "audience": "public",
        "body": [
            ("heading", "The voluntary era"),
            (
                "paragraph",
                "<p>Since the sweatshop scandals of the 1990s, brands have adopted codes of "
                "conduct, hired audit firms and joined multi-stakeholder initiatives. The "
                "paperwork grew. Conditions at the base of supply chains, measured in wages, "
                "hours and safety, changed much less. The reasons are structural: codes are "
                "written by the companies they are meant to bind, monitoring is controlled by the "
                "same companies, workers have no formal role, and buyers keep pressing suppliers "
                "on price and speed in ways that make compliance unaffordable. A social audit "
                "cannot fix a purchasing model that rewards the cheapest factory.</p>",
            ),
            ("heading", "What binding agreements change"),
            (
                "paragraph",
                "<p>Binding agreements reverse each of these features. Workers' organizations "
                "help write the standards and are parties to the contract. Verification is "
                "independent and includes a complaint mechanism. Buyers accept obligations on "
                "price or financing, and commit to consequences for suppliers that do not "
                "comply.</p>",
            ),
            (
                "quote",
                "We had a code of conduct on the wall for ten years. Nobody on the line had ever "
                "read it.",
                "A garment worker, Phnom Penh",
            ),
            (
                "key_takeaways",
                [
                    "Voluntary codes are written and policed by the companies they bind.",
                    "Purchasing practices can make compliance impossible.",
                    "Binding agreements give workers a place at the table and a means of "
                    "enforcement.",
                ],
            ),
        ],
    },
    {
        "slug": "extending-a-binding-safety-agreement-to-pakistan",
        "language": "en",
        "title": "Extending a binding safety agreement to Pakistan's garment sector",
        "summary": (
            "A report on the first phase of extending the International Accord model to Pakistan: "
            "coverage, inspection priorities, the complaint mechanism and early challenges."
        ),
        "kind": "report",
        "sectors": ["apparel"],
        "countries": ["PK"],
        "principles": [2, 6],
        "tags": ["building safety", "complaint mechanism", "inspections"],
        "year": 2024,
        "audience": "public",
        "body": [
            ("heading", "Why Pakistan"),
            (
                "paragraph",
                "<p>Pakistan's garment and textile industry employs a very large workforce and "
                "has a history of deadly factory fires and weak labor inspection. When unions and "
                "brands renewed their Bangladesh agreement as the International Accord in 2021, "
                "they committed to extend it to other countries, and Pakistan came first. This "
                "report, written for organizers and partner organizations, describes the first "
                "phase in general terms: how factories were brought into scope, how inspections "
                "were focused on fire and electrical hazards, how worker training and the "
                "complaint channel were introduced, and which problems surfaced early.</p>",
            ),
            ("heading", "Early challenges"),
            (
                "paragraph",
                "<p>Partners reported several early obstacles:</p><ul><li>Low union presence in "
                "many factories, which makes training and complaints harder to "
                "reach.</li><li>Subcontracting to units that fall outside the agreement's "
                "scope.</li><li>The need for trusted local partners to explain the complaint "
                "channel to workers.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "A proven model still needs local partners to take root.",
                    "Subcontracting is the first place coverage leaks.",
                    "Workers must know the complaint channel exists before they can trust it.",
                ],
            ),
        ],
    },
    {
        "slug": "recording-enforcement-in-practice-panel",
        "language": "en",
        "title": "Recording: Enforcement in practice, a convening panel",
        "summary": (
            "Video and notes from a convening panel where farmworker, garment and dairy organizers "
            "compared how their programs investigate complaints and enforce consequences."
        ),
        "kind": "recording",
        "sectors": ["agriculture", "apparel"],
        "countries": ["US", "BD"],
        "principles": [1, 6],
        "tags": ["convening", "complaint mechanism", "enforcement"],
        "year": 2019,
        "audience": "public",
        "body": [
            ("heading", "About this recording"),
            (
                "paragraph",
                "<p>This session brought together organizers from farmworker, garment and dairy "
                "programs at the Collaborative's annual convening. Panelists described how a "
                "complaint moves from the first phone call to a resolution, who decides whether a "
                "violation took place, and what happens to a supplier that refuses to act. The "
                "conversation kept returning to one point: enforcement is credible when workers "
                "can see it. Panelists also disagreed, usefully, about how much of an "
                "investigation should be made public and how to protect workers in small "
                "workplaces where anonymity is nearly impossible.</p>",
            ),
            ("heading", "Chapters"),
            (
                "paragraph",
                "<p>Jump to a section of the recording:</p><ul><li>00:00 "
                "Introductions</li><li>08:30 From a phone call to a finding</li><li>27:15 When a "
                "supplier refuses</li><li>41:00 Small workplaces and anonymity</li><li>55:40 "
                "Questions from the floor</li></ul>",
            ),
            (
                "quote",
                "Workers do not read our reports. They watch what happens to the supervisor.",
                "A panelist, farmworker program",
            ),
        ],
    },
    {
        "slug": "recording-heat-hours-and-rest-webinar",
        "language": "en",
        "title": "Recording: Heat, hours and rest, a webinar for organizers",
        "summary": (
            "A recorded webinar on how worker organizations in agriculture and construction are "
            "writing heat protections into enforceable standards and teaching workers to use them."
        ),
        "kind": "recording",
        "sectors": ["agriculture", "construction"],
        "countries": ["US", "MX"],
        "principles": [5, 7],
        "tags": ["heat stress", "webinar", "health and safety"],
        "year": 2024,
        "audience": "public",
        "body": [
            ("heading", "About this webinar"),
            (
                "paragraph",
                "<p>Extreme heat is now a defining hazard for people who work outdoors. In this "
                "webinar, organizers from a farmworker program and a construction workers' center "
                "explain how they turned heat protections into enforceable standards: water, "
                "shade, paid rest, acclimatization and the right to stop work. They describe how "
                "peer educators teach workers to spot heat illness in themselves and in "
                "coworkers, and how heat complaints are prioritized so that an investigator can "
                "respond while the heat wave is still under way, not weeks later.</p>",
            ),
            ("heading", "Resources mentioned"),
            (
                "paragraph",
                "<p>Speakers shared these materials:</p><ul><li>A sample heat standard with "
                "rising rest periods</li><li>A pocket card on the signs of heat illness, in "
                "English and Spanish</li><li>A short skit for education sessions on refusing "
                "unsafe work</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Heat complaints need a same-day response.",
                    "Peer educators can teach workers to watch out for each other.",
                    "Paid rest is the heart of any heat standard.",
                ],
            ),
        ],
    },
    {
        "slug": "zero-tolerance-sexual-harassment-lessons",
        "language": "en",
        "title": "Zero tolerance in practice: lessons on sexual harassment enforcement",
        "summary": (
            "Lessons from programs that treat sexual harassment as a zero-tolerance violation, "
            "including how complaints are investigated and how supervisors are held accountable."
        ),
        "kind": "lesson_learned",
        "sectors": ["agriculture"],
        "countries": ["US", "MX"],
        "principles": [4, 6],
        "tags": ["sexual harassment", "complaint mechanism", "supervisors"],
        "year": 2018,
        "audience": "public",
        "body": [
            ("heading", "Why zero tolerance works"),
            (
                "paragraph",
                "<p>In many fields, harassment by supervisors was once treated as a fact of "
                "working life. Women who complained risked losing their jobs and, with them, "
                "their housing and transport. Worker-driven programs changed the calculation by "
                "making certain conduct, including sexual assault and harassment with physical "
                "contact, a <strong>zero-tolerance</strong> violation: the supervisor must be "
                "removed, and a farm that fails to act loses its buyers. Once workers saw "
                "supervisors actually leave, complaints rose, which was a sign of trust rather "
                "than of worse conditions.</p>",
            ),
            ("heading", "Lessons for investigators"),
            (
                "paragraph",
                "<p>Investigators who have handled these cases recommend:</p><ul><li>Offer women "
                "investigators and interviews away from the workplace.</li><li>Protect the "
                "complainant's crew from collective punishment.</li><li>Follow up weeks later to "
                "check for retaliation.</li></ul>",
            ),
            (
                "quote",
                "When the crew leader was fired, the women in my crew started talking. Before "
                "that, nobody believed it could happen.",
                "A peer educator, Florida",
            ),
            (
                "key_takeaways",
                [
                    "A rising number of complaints can be a sign of trust.",
                    "Consequences must reach supervisors, not just the worker who spoke up.",
                    "Follow-up is part of the investigation, not an extra.",
                ],
            ),
        ],
    },
    {
        "slug": "starting-a-worker-driven-program-first-steps",
        "language": "en",
        "title": "Starting a worker-driven program: first steps",
        "summary": (
            "A toolkit for worker organizations considering the WSR model: mapping the supply "
            "chain, identifying buyers, defining standards with workers and preparing for a "
            "campaign."
        ),
        "kind": "toolkit",
        "sectors": ["agriculture", "seafood"],
        "countries": ["US", "TH"],
        "principles": [1, 2, 7],
        "tags": ["supply chain mapping", "campaigns", "worker leadership"],
        "year": 2021,
        "audience": "public",
        "body": [
            ("heading", "Start with workers, then follow the product"),
            (
                "paragraph",
                "<p>Every worker-driven program begins with workers naming the abuses they most "
                "need to end. Only then does the supply chain work start: following the product "
                "from the workplace to the buyers whose brands reach consumers. Those buyers are "
                "the program's future partners and, at first, the targets of its campaign. "
                "Organizations that skip the first step often build programs around issues that "
                "matter to funders or brands rather than to workers, and those programs struggle "
                "to recruit the worker educators and complainants they depend on.</p>",
            ),
            ("heading", "A six-step checklist"),
            (
                "paragraph",
                "<p>Organizations that have started programs suggest this order:</p><ol><li>Hold "
                "worker assemblies to name and rank abuses.</li><li>Map the supply chain to the "
                "brand-name buyers.</li><li>Draft standards in workers' own "
                "words.</li><li>Identify allies: consumers, students, faith groups, "
                "investors.</li><li>Train a first group of worker educators.</li><li>Decide what "
                "a buyer must sign, before any negotiation begins.</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "The abuses workers name come first; the supply chain map comes second.",
                    "Buyers with brands to protect are the point of leverage.",
                    "Decide your non-negotiables before the first meeting with a buyer.",
                ],
            ),
        ],
    },
    {
        "slug": "campaigns-that-win-buyer-agreements",
        "language": "en",
        "title": "Campaigns that win buyer agreements",
        "summary": (
            "Lessons from farmworker and dairy worker campaigns on building the consumer, faith "
            "and student pressure that brings large buyers to sign binding agreements."
        ),
        "kind": "lesson_learned",
        "sectors": ["agriculture", "dairy"],
        "countries": ["US"],
        "principles": [2, 4],
        "tags": ["campaigns", "allies", "buyers"],
        "year": 2017,
        "audience": "public",
        "body": [
            ("heading", "Why buyers sign"),
            (
                "paragraph",
                "<p>No large buyer has signed a binding agreement because it was asked politely. "
                "Buyers sign when the cost of refusing, in reputation, customer loyalty and "
                "attention from investors, becomes greater than the cost of the program. The "
                "farmworker and dairy campaigns that won agreements combined several kinds of "
                "pressure over years: marches and fasts led by workers, student campaigns on "
                "campuses that hold food contracts, faith congregations, shareholder resolutions, "
                "and steady media attention. Workers stayed at the front of every action, which "
                "kept the story about their conditions rather than about the allies.</p>",
            ),
            ("heading", "Lessons"),
            (
                "paragraph",
                "<p>Organizers who won agreements offer this advice:</p><ul><li>Pick one buyer at "
                "a time, and make the ask simple and public.</li><li>Expect a long campaign and "
                "plan to sustain allies through it.</li><li>Celebrate each signed agreement as "
                "proof that the next buyer can sign too.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Pressure has to outweigh the cost of the program.",
                    "Workers lead; allies amplify.",
                    "Each signed agreement makes the next one easier.",
                ],
            ),
        ],
    },
    {
        "slug": "measuring-gains-for-workers",
        "language": "en",
        "title": "Measuring gains for workers: indicators that matter",
        "summary": (
            "An analysis of how to measure whether a program actually improves workers' lives, "
            "covering wages, hours, safety, dignity and freedom from retaliation, with data "
            "sources for each."
        ),
        "kind": "analysis",
        "sectors": ["agriculture", "hospitality"],
        "countries": ["US", "BD"],
        "principles": [5],
        "tags": ["indicators", "data", "wages"],
        "year": 2022,
        "audience": "public",
        "body": [
            ("heading", "Outputs are not outcomes"),
            (
                "paragraph",
                "<p>Programs find it easy to count what they do: sessions held, audits completed, "
                "complaints received. It is harder, and more important, to show what changed for "
                "workers. The fifth WSR principle asks for measurable, timely gains, and that "
                "requires indicators chosen with workers. Useful measures include real earnings "
                "per hour after premiums, hours worked per week, injury and heat illness rates, "
                "the share of workers who say they can complain without fear, and the time it "
                "takes to fix a violation. Each indicator needs a baseline, a data source that "
                "does not depend only on the employer, and a schedule for reporting.</p>",
            ),
            ("heading", "Data sources"),
            (
                "paragraph",
                "<p>Combine sources so that no single party controls the "
                "picture:</p><ul><li>Payroll records, checked against pay stubs that workers "
                "bring in</li><li>Surveys conducted away from the workplace</li><li>Complaint "
                "logs and investigation records</li><li>Focus groups led by worker "
                "educators</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Count changes in workers' lives, not program activity.",
                    "Do not rely only on data the employer controls.",
                    "Set baselines before the program starts.",
                ],
            ),
        ],
    },
    {
        "slug": "construction-workers-adapt-the-model",
        "language": "en",
        "title": "Construction workers adapt the model: a case study",
        "summary": (
            "How a construction workers' organization adapted worker-driven principles to "
            "commercial building sites, where layers of subcontracting hide responsibility for "
            "wage theft and injuries."
        ),
        "kind": "case_study",
        "sectors": ["construction"],
        "countries": ["US"],
        "principles": [1, 7],
        "tags": ["subcontracting", "wage theft", "heat stress"],
        "year": 2022,
        "audience": "public",
        "body": [
            ("heading", "Who is responsible?"),
            (
                "paragraph",
                "<p>On a commercial building site, the developer hires a general contractor, who "
                "hires subcontractors, who hire labor brokers. When wages go unpaid or a worker "
                "is injured, every layer points to another. A workers' center in a midwestern "
                "city drew on the farmworker model to cut through the chain: it asked building "
                "owners and developers, the buyers of construction services, to commit that their "
                "contractors would meet a code written with workers, covering pay, safety, heat "
                "and the right to organize, and to drop contractors that did not. A complaint "
                "line and worker-led training on job sites put the commitments into practice.</p>",
            ),
            (
                "quote",
                "The developer said the subcontractor was responsible. Now the developer signs, "
                "and the developer answers.",
                "A construction worker and peer trainer",
            ),
            (
                "key_takeaways",
                [
                    "Find the buyer at the top of the contracting chain.",
                    "Codes must cover every layer of subcontracting.",
                    "Job-site training by workers carries across trades and languages.",
                ],
            ),
        ],
    },
    {
        "slug": "training-investigators-in-worker-interviews",
        "language": "en",
        "title": "Training investigators in worker interviews",
        "summary": (
            "A training module for program investigators on interviewing workers away from "
            "management, building trust, protecting confidentiality and documenting findings."
        ),
        "kind": "training",
        "sectors": ["agriculture", "apparel"],
        "countries": ["US", "BD"],
        "principles": [6],
        "tags": ["investigations", "interviews", "confidentiality"],
        "year": 2020,
        "audience": "public",
        "body": [
            ("heading", "Not an audit interview"),
            (
                "paragraph",
                "<p>In a typical social audit, workers are chosen by management and interviewed "
                "in an office, sometimes with a supervisor within earshot. Unsurprisingly, they "
                "say that everything is fine. Investigators in a worker-driven program work "
                "differently. They interview workers in groups and one by one, away from "
                "management, at times and places workers choose, and they come back. They explain "
                "who they work for and what will happen with what they hear. This module teaches "
                "investigators how to open an interview, how to ask about sensitive topics such "
                "as harassment and debts, how to protect a worker's identity, and how to write "
                "findings that will hold up when a supplier disputes them.</p>",
            ),
            ("heading", "Exercises"),
            (
                "paragraph",
                "<p>The module includes three practical exercises:</p><ol><li>Role play: an "
                "interview interrupted by a supervisor</li><li>Rewrite leading questions as open "
                "questions</li><li>Write up a finding from three partial accounts</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "Where and when an interview happens decides what workers will say.",
                    "Explain what will happen with the information before asking for it.",
                    "Findings must hold up when a supplier disputes them.",
                ],
            ),
        ],
    },
    {
        "slug": "seafood-supply-chains-and-the-wsr-model",
        "language": "en",
        "title": "Seafood supply chains and the WSR model: a scoping note",
        "summary": (
            "A scoping note for members on where the worker-driven model could address forced "
            "labor in seafood processing and fishing, and the obstacles any program would face."
        ),
        "kind": "report",
        "sectors": ["seafood"],
        "countries": ["TH"],
        "principles": [1, 2],
        "tags": ["forced labor", "scoping", "migrant workers"],
        "year": 2020,
        "audience": "members",
        "body": [
            ("heading", "Scope of this note"),
            (
                "paragraph",
                "<p>This note was prepared for members weighing whether to support seafood "
                "workers' organizations in building a program. Seafood processing and fishing "
                "combine several risk factors the model has faced elsewhere: migrant workforces, "
                "recruitment debts, employer-held documents and long, opaque supply chains. They "
                "also add new ones, above all vessels that stay at sea for months, where no "
                "complaint line or inspector can reach workers in time. Processing plants on "
                "shore look like the more realistic starting point, with fishing vessels a second "
                "phase once buyers and worker organizations have built trust.</p>",
            ),
            ("heading", "Open questions for members"),
            (
                "paragraph",
                "<p>Before any commitment, members need answers to these "
                "questions:</p><ul><li>Which buyers have brand exposure strong enough to support "
                "a campaign?</li><li>Can migrant workers' organizations lead, given restrictions "
                "on their right to organize?</li><li>How would a complaint reach anyone from a "
                "vessel at sea?</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Start on shore, where workers can be reached.",
                    "Recruitment debts must be part of any standard.",
                    "Worker leadership is the hardest and most necessary piece.",
                ],
            ),
        ],
    },
    {
        "slug": "negotiation-lessons-first-buyer-agreements",
        "language": "en",
        "title": "Negotiation lessons from first buyer agreements",
        "summary": (
            "Internal notes for members on what organizers learned negotiating their first binding "
            "agreements with buyers: preparation, red lines, drafting traps and what to concede."
        ),
        "kind": "lesson_learned",
        "sectors": ["agriculture", "dairy"],
        "countries": ["US"],
        "principles": [2, 3],
        "tags": ["negotiation", "buyers", "binding agreements"],
        "year": 2023,
        "audience": "members",
        "body": [
            ("heading", "For members only"),
            (
                "paragraph",
                "<p>These notes collect what several member organizations learned at the table "
                "with buyers. They are candid and should not be shared outside the Collaborative. "
                "The common thread is preparation: the teams that did best knew their red lines "
                "before the first meeting, brought workers into the room, and had their own draft "
                "ready so that the buyer's lawyers were responding to workers' text rather than "
                "the other way round. Buyers routinely tried to swap binding obligations for "
                "<em>best efforts</em> language, to limit the premium to a pilot period, and to "
                "keep consequences at their discretion. Teams that held firm on those three "
                "points rarely regretted it.</p>",
            ),
            ("heading", "Drafting traps"),
            (
                "paragraph",
                "<p>Watch for these phrases in a buyer's draft:</p><ul><li><em>Commercially "
                "reasonable efforts</em> in place of a clear obligation</li><li>Premiums defined "
                "as a share of a price the buyer can renegotiate</li><li>Confidentiality clauses "
                "that would keep workers from describing the program</li><li>Termination at will "
                "after a short first term</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Come with your own draft.",
                    "Hold the line on binding obligations, the premium and consequences.",
                    "Bring workers into the negotiating room.",
                ],
            ),
        ],
    },
    {
        "slug": "draft-toolkit-premium-pass-through-accounting",
        "language": "en",
        "title": "Draft toolkit: premium pass-through and payroll accounting",
        "summary": (
            "A draft toolkit for members on how to track a buyer-paid premium from invoice to pay "
            "stub, with reconciliation steps, sample spreadsheets and warning signs."
        ),
        "kind": "toolkit",
        "sectors": ["dairy", "agriculture"],
        "countries": ["US"],
        "principles": [3, 5],
        "tags": ["premiums", "accounting", "payroll"],
        "year": 2025,
        "audience": "members",
        "body": [
            ("heading", "Status of this draft"),
            (
                "paragraph",
                "<p>This is a working draft circulated to members for comment before publication. "
                "It brings together the accounting practices that dairy and farmworker programs "
                "use to make sure a premium paid by buyers ends up in workers' pay. The basic "
                "cycle is simple: the buyer reports volumes purchased and premium paid; the farm "
                "reports premium received and premium distributed; and the monitoring body "
                "reconciles both against payroll records and a sample of pay stubs collected from "
                "workers. Gaps larger than a set tolerance trigger a review. The hard parts are "
                "timing, when premiums arrive after workers have left, and small farms whose "
                "payroll is kept by hand.</p>",
            ),
            ("heading", "Warning signs"),
            (
                "paragraph",
                "<p>Reviewers should look closer when:</p><ul><li>The premium line disappears "
                "from pay stubs in slow months.</li><li>Premium received exceeds premium "
                "distributed, season after season.</li><li>Workers cannot say what the premium "
                "line on their stub means.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Reconcile three sources: buyer reports, farm reports and pay stubs.",
                    "Plan for workers who leave before the premium arrives.",
                    "Comments on this draft are welcome from all member organizations.",
                ],
            ),
        ],
    },
    {
        "slug": "exchange-notes-dairy-and-garment-organizers",
        "language": "en",
        "title": "Exchange notes: dairy and garment organizers compare enforcement",
        "summary": (
            "Notes from a member exchange in which dairy worker organizers from Vermont and "
            "garment union organizers from Bangladesh compared complaint handling, education and "
            "buyer relations."
        ),
        "kind": "report",
        "sectors": ["dairy", "apparel"],
        "countries": ["US", "BD"],
        "principles": [1, 6, 7],
        "tags": ["exchange", "complaint mechanism", "peer learning"],
        "year": 2023,
        "audience": "members",
        "body": [
            ("heading", "About the exchange"),
            (
                "paragraph",
                "<p>Over two days, organizers from a dairy workers' program and from garment "
                "unions covered by a binding safety agreement compared how their programs work "
                "day to day. The settings could hardly be more different, a farm with four "
                "workers and a factory with four thousand, yet the problems were familiar to "
                "both. Each complaint system struggles to reach workers who fear retaliation; "
                "each depends on worker educators who need training and pay; and each has buyers "
                "who would prefer to talk about audits rather than about prices. These notes are "
                "for members and summarize the discussion without attributing views to individual "
                "participants.</p>",
            ),
            ("heading", "Ideas participants took home"),
            (
                "paragraph",
                "<p>Participants left with several ideas to try:</p><ul><li>Publishing anonymized "
                "complaint outcomes to build trust</li><li>Pairing new worker educators with "
                "experienced ones for their first sessions</li><li>Asking buyers to report on "
                "their own purchasing practices, not only on suppliers</li></ul>",
            ),
            (
                "quote",
                "Our factories are a hundred times bigger than your farms, and the fear is "
                "exactly the same.",
                "A garment union organizer, during the exchange",
            ),
        ],
    },
    {
        "slug": "peer-educator-curriculum-draft",
        "language": "en",
        "title": "Peer educator curriculum: draft for member review",
        "summary": (
            "A draft curriculum for training worker educators across sectors, covering rights "
            "content, facilitation skills, safety on the job and how to support a worker through a "
            "complaint."
        ),
        "kind": "training",
        "sectors": ["agriculture", "meat-poultry"],
        "countries": ["US"],
        "principles": [7],
        "tags": ["worker education", "curriculum", "peer educators"],
        "year": 2025,
        "audience": "members",
        "body": [
            ("heading", "How to use this draft"),
            (
                "paragraph",
                "<p>This curriculum is shared with members for review and adaptation, and it is "
                "not yet ready for public release. It is organized in six modules that can be "
                "taught over three days or spread across a season. The modules draw on the "
                "experience of farmworker educators and adapt it for meatpacking and poultry "
                "plants, where line speeds, repetitive strain injuries and shift work shape what "
                "workers need to know. Each module has a goal, an activity, a short list of "
                "points every educator must cover, and a way to check understanding that does not "
                "rely on reading or writing.</p>",
            ),
            ("heading", "Modules"),
            (
                "paragraph",
                "<p>The draft has six modules:</p><ol><li>Why worker-driven programs "
                "exist</li><li>The code, in plain words</li><li>Running a session: skits, "
                "questions and difficult moments</li><li>Supporting a coworker through a "
                "complaint</li><li>Protecting yourself from retaliation</li><li>Reporting back to "
                "the organization</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "Checks of understanding should not depend on literacy.",
                    "Educators need pay and support, not just training.",
                    "Send comments to the education working group.",
                ],
            ),
        ],
    },
    {
        "slug": "internal-assessment-greenhouse-initiative",
        "language": "en",
        "title": "Internal assessment: a greenhouse produce initiative's WSR claims",
        "summary": (
            "Staff assessment of a certification initiative in greenhouse produce that describes "
            "itself as worker-driven, scored against the first version of the framework."
        ),
        "kind": "analysis",
        "sectors": ["agriculture"],
        "countries": ["MX", "US"],
        "principles": [1, 4, 6],
        "tags": ["assessment", "certification", "audits"],
        "year": 2024,
        "audience": "staff",
        "body": [
            ("heading", "Summary of findings"),
            (
                "paragraph",
                "<p>The initiative uses worker-driven language in its materials, but the evidence "
                "gathered for this assessment does not support the claim. Standards were written "
                "by a committee of growers and retailers, with worker input limited to a survey. "
                "Verification relies on annual third-party social audits scheduled with the "
                "grower, and interviews held on site found that few workers knew the grievance "
                "number existed. No retailer has committed to suspend purchases for violations. "
                "On the positive side, the initiative pays a modest premium and publishes its "
                "standards. Staff recommend a score of 1 on principles 1, 4 and 6, and a "
                "conversation with the initiative before any public statement.</p>",
            ),
            ("heading", "Evidence reviewed"),
            (
                "paragraph",
                "<p>Staff reviewed:</p><ul><li>Published standards and governance "
                "documents</li><li>Two audit reports shared by the initiative</li><li>Interviews "
                "with workers at three sites, held away from management</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Worker-driven language without worker control does not meet principle 1.",
                    "Scheduled audits and an unknown hotline do not meet principle 6.",
                    "Not for circulation outside staff.",
                ],
            ),
        ],
    },
    {
        "slug": "internal-review-electronics-and-minerals-opportunity",
        "language": "en",
        "title": "Internal review: is there an opening in electronics and minerals?",
        "summary": (
            "A staff review of whether the worker-driven model could take hold in electronics "
            "assembly and the minerals that feed it, and what conditions would have to be in place "
            "first."
        ),
        "kind": "report",
        "sectors": ["electronics", "mining"],
        "countries": ["MY", "TH"],
        "principles": [1, 2],
        "tags": ["scoping", "forced labor", "migrant workers"],
        "year": 2025,
        "audience": "staff",
        "body": [
            ("heading", "Question"),
            (
                "paragraph",
                "<p>Staff were asked whether the Collaborative should invest in exploring a "
                "program in electronics. The sector has well-documented problems, including "
                "recruitment fees that leave migrant workers in debt and hazardous conditions in "
                "the mines that supply key minerals. It also has brands with enormous "
                "reputational exposure. But the preconditions that made other programs possible "
                "are thin. Independent workers' organizations are weak or restricted in several "
                "assembly hubs, supply chains shift quickly between countries, and buyers already "
                "have an industry code and audit program they point to. Staff recommend a small "
                "exploratory effort with migrant worker groups rather than a full program.</p>",
            ),
            ("heading", "Conditions to watch"),
            (
                "paragraph",
                "<p>Staff would revisit the question if these appear:</p><ul><li>A workers' "
                "organization ready to lead</li><li>A brand or small group of brands under "
                "sustained public pressure</li><li>Allies able to run a long consumer "
                "campaign</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "The need is clear; the preconditions are not yet there.",
                    "An existing industry audit program will be the buyers' first defense.",
                    "Start by listening to migrant worker groups.",
                ],
            ),
        ],
    },
    {
        "slug": "que-es-la-responsabilidad-social-impulsada-por-trabajadores",
        "language": "es",
        "title": "¿Qué es la responsabilidad social impulsada por los trabajadores?",
        "summary": (
            "Una introducción al modelo WSR para organizaciones de trabajadores: en qué se "
            "diferencia de la responsabilidad social corporativa y cuáles son sus principios."
        ),
        "kind": "analysis",
        "sectors": ["agriculture"],
        "countries": ["MX", "US"],
        "principles": [1, 2],
        "tags": ["modelo wsr", "liderazgo de trabajadores"],
        "year": 2016,
        "audience": "public",
        "body": [
            ("heading", "Un modelo nacido de la lucha de los trabajadores"),
            (
                "paragraph",
                "<p>Durante décadas, las empresas respondieron a los abusos en sus cadenas de "
                "suministro con códigos de conducta y auditorías que ellas mismas diseñaban y "
                "pagaban. El modelo de responsabilidad social impulsada por los trabajadores "
                "parte de otra idea: quienes sufren los abusos son quienes mejor saben cómo "
                "detenerlos. Por eso las organizaciones de trabajadores escriben las normas, "
                "educan a sus compañeros, reciben las quejas y participan en la verificación. Y "
                "los grandes compradores firman acuerdos vinculantes que los obligan a pagar más "
                "y a dejar de comprar a quien viole las normas.</p>",
            ),
            ("heading", "Los siete principios"),
            (
                "paragraph",
                "<p>Los principios que guían a la Colaborativa son:</p><ol><li>Impulsado por "
                "trabajadores</li><li>Acuerdos vinculantes y exigibles</li><li>Los compradores "
                "pagan el cumplimiento</li><li>Consecuencias de mercado</li><li>Mejoras medibles "
                "para los trabajadores</li><li>Verificación independiente con mecanismo de "
                "quejas</li><li>Educación de trabajador a trabajador</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "Los trabajadores no son consultados: dirigen.",
                    "Los compradores asumen obligaciones escritas y exigibles.",
                    "Sin consecuencias de mercado, las normas son solo consejos.",
                ],
            ),
        ],
    },
    {
        "slug": "como-presentar-una-queja-guia-para-trabajadores",
        "language": "es",
        "title": "Cómo presentar una queja: guía para trabajadores",
        "summary": (
            "Una guía sencilla para trabajadores agrícolas sobre cómo presentar una queja en un "
            "programa impulsado por trabajadores, qué pasa después y cómo se les protege de "
            "represalias."
        ),
        "kind": "training",
        "sectors": ["agriculture"],
        "countries": ["US", "MX"],
        "principles": [6, 7],
        "tags": ["mecanismo de quejas", "represalias", "educación"],
        "year": 2019,
        "audience": "public",
        "body": [
            ("heading", "Tienes derecho a quejarte"),
            (
                "paragraph",
                "<p>Si tu supervisor te grita, te toca sin permiso, no te paga todas las horas o "
                "no te deja descansar en el calor, puedes presentar una queja. Puedes llamar a la "
                "línea de quejas a cualquier hora, mandar un mensaje o hablar con un educador de "
                "tu organización. No tienes que dar tu nombre si no quieres, aunque ayuda a "
                "resolver el caso más rápido. Un investigador independiente, que no trabaja para "
                "el rancho ni para el comprador, revisará lo que pasó. Castigarte por quejarte "
                "está prohibido: la represalia es en sí misma una violación grave.</p>",
            ),
            ("heading", "Qué pasa después"),
            (
                "paragraph",
                "<p>Después de tu llamada:</p><ol><li>Recibes una respuesta en menos de un "
                "día.</li><li>El investigador habla contigo y con otros trabajadores, lejos de "
                "los supervisores.</li><li>Si se confirma la violación, el rancho debe "
                "corregirla.</li><li>Te informan del resultado.</li></ol>",
            ),
            (
                "quote",
                "La primera vez tuve miedo de llamar. Ahora les digo a mis compañeros que la "
                "línea sí funciona.",
                "Una trabajadora del tomate, Florida",
            ),
            (
                "key_takeaways",
                [
                    "Puedes presentar una queja sin dar tu nombre.",
                    "La represalia está prohibida.",
                    "Guarda el número de la línea de quejas en tu teléfono.",
                ],
            ),
        ],
    },
    {
        "slug": "la-prima-de-comida-justa-explicada",
        "language": "es",
        "title": "La prima de Comida Justa, explicada",
        "summary": (
            "Cómo una prima pequeña pagada por los compradores llega al talón de pago de cada "
            "trabajador, y cómo revisar que llegue completa."
        ),
        "kind": "best_practice",
        "sectors": ["agriculture"],
        "countries": ["US"],
        "principles": [3, 5],
        "tags": ["primas", "salarios", "talón de pago"],
        "year": 2018,
        "audience": "public",
        "body": [
            ("heading", "Un centavo que sí llega"),
            (
                "paragraph",
                "<p>En el Programa de Comida Justa, los compradores pagan una prima de un centavo "
                "por libra de tomate. Parece poco, pero para un trabajador que llena cientos de "
                "cubetas a la semana suma una parte importante de su ingreso. Lo que hace "
                "funcionar la prima es su camino: el comprador la paga al productor, el productor "
                "la pasa a la nómina como una línea separada, y un organismo independiente "
                "compara lo que pagaron los compradores con lo que recibieron los trabajadores. "
                "Si la prima no aparece en el talón, el trabajador puede presentar una queja.</p>",
            ),
            ("heading", "Cómo revisar tu talón de pago"),
            (
                "paragraph",
                "<p>Cada semana, revisa tu talón:</p><ul><li>Busca la línea de la prima, separada "
                "del salario.</li><li>Compara las semanas de mucha cosecha con las de "
                "poca.</li><li>Si falta la prima, llama a la línea de quejas.</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "El camino de la prima importa más que su tamaño.",
                    "La prima debe aparecer como una línea aparte en el talón.",
                    "Los trabajadores que entienden su talón son los mejores vigilantes de la "
                    "prima.",
                ],
            ),
        ],
    },
    {
        "slug": "proteccion-contra-el-calor-en-el-campo",
        "language": "es",
        "title": "Protección contra el calor en el campo",
        "summary": (
            "Buenas prácticas para proteger a los jornaleros del calor extremo: agua, sombra, "
            "descansos pagados, aclimatación y el derecho a parar sin perder el trabajo."
        ),
        "kind": "best_practice",
        "sectors": ["agriculture"],
        "countries": ["MX", "US"],
        "principles": [5, 6],
        "tags": ["calor", "salud y seguridad", "descansos"],
        "year": 2024,
        "audience": "public",
        "body": [
            ("heading", "El calor mata, y se puede prevenir"),
            (
                "paragraph",
                "<p>Cada verano es más caliente, y los jornaleros que trabajan a destajo son los "
                "más expuestos. Cuando se paga por cubeta o por caja, descansar cuesta dinero, y "
                "muchos supervisores presionan para terminar el surco antes de que se vaya el "
                "camión. Los programas impulsados por trabajadores han incluido en sus normas "
                "protecciones concretas contra el calor: agua fresca y sombra cerca del lugar de "
                "trabajo, descansos pagados que aumentan con la temperatura, una semana de "
                "aclimatación para los nuevos, y el derecho a dejar de trabajar y pedir ayuda sin "
                "perder el pago ni el empleo. Las quejas por calor se atienden el mismo día.</p>",
            ),
            ("heading", "Señales de alerta"),
            (
                "paragraph",
                "<p>Aprende a reconocer estas señales:</p><ul><li>Mareo, dolor de cabeza o "
                "náuseas</li><li>Calambres fuertes</li><li>Confusión o dejar de "
                "sudar</li></ul><p>Si un compañero muestra estas señales, llévalo a la sombra, "
                "dale agua y avisa de inmediato.</p>",
            ),
            (
                "key_takeaways",
                [
                    "Los descansos por calor deben ser pagados.",
                    "Nadie puede ser castigado por parar cuando hay peligro.",
                    "Una queja por calor necesita respuesta el mismo día.",
                ],
            ),
        ],
    },
    {
        "slug": "leche-con-dignidad-trabajadores-lecheros",
        "language": "es",
        "title": "Leche con Dignidad: cómo los trabajadores lecheros construyeron su programa",
        "summary": (
            "Un estudio de caso sobre cómo trabajadores lecheros migrantes en Vermont adaptaron el "
            "modelo a granjas pequeñas, con normas de vivienda, días de descanso y una prima "
            "pagada por el comprador."
        ),
        "kind": "case_study",
        "sectors": ["dairy"],
        "countries": ["US", "MX"],
        "principles": [1, 3, 5],
        "tags": ["primas", "vivienda", "lechería"],
        "year": 2021,
        "audience": "public",
        "body": [
            ("heading", "Granjas pequeñas, problemas grandes"),
            (
                "paragraph",
                "<p>En las granjas lecheras de Vermont trabajan muchos migrantes de México y "
                "Centroamérica, a menudo en turnos largos, sin días libres y en viviendas que da "
                "el patrón. Muchos no tienen carro y temen salir de la granja. Migrant Justice, "
                "una organización dirigida por trabajadores lecheros, hizo campaña durante años "
                "hasta que un comprador importante firmó un acuerdo vinculante. El programa "
                "incluye normas sobre salario, horario, descanso y vivienda; una "
                "<strong>prima</strong> que el comprador paga a las granjas participantes para "
                "ayudarlas a cumplir; una línea de apoyo a toda hora; y educación en las granjas "
                "y en las casas de los trabajadores.</p>",
            ),
            (
                "quote",
                "Pedimos un día de descanso y una casa sin humedad. Ahora está escrito y alguien "
                "lo revisa.",
                "Un trabajador lechero, Vermont",
            ),
            (
                "key_takeaways",
                [
                    "En la lechería, la vivienda también es un tema laboral.",
                    "La prima del comprador ayuda a las granjas pequeñas a cumplir.",
                    "Donde no hay anonimato, la protección contra represalias lo es todo.",
                ],
            ),
        ],
    },
    {
        "slug": "por-que-fallan-las-auditorias-sociales",
        "language": "es",
        "title": "Por qué fallan las auditorías sociales",
        "summary": (
            "Un análisis de por qué las auditorías sociales convencionales no detectan el trabajo "
            "forzoso, el acoso ni los salarios robados en los campos agrícolas, y qué hace "
            "diferente la verificación impulsada por trabajadores."
        ),
        "kind": "analysis",
        "sectors": ["agriculture", "apparel"],
        "countries": ["MX", "GT"],
        "principles": [6],
        "tags": ["auditorías", "verificación", "certificación"],
        "year": 2019,
        "audience": "public",
        "body": [
            ("heading", "La auditoría que no vio nada"),
            (
                "paragraph",
                "<p>Muchos ranchos que exportan a grandes supermercados tienen certificados de "
                "auditorías sociales. Aun así, los trabajadores siguen denunciando jornadas sin "
                "pago, acoso de mayordomos y deudas con los contratistas. La razón es "
                "estructural: la auditoría se anuncia con anticipación, la paga el propio rancho "
                "o el comprador, dura uno o dos días y entrevista a trabajadores escogidos por la "
                "empresa, a veces delante de sus jefes. Nadie tiene motivos para hablar si hablar "
                "no cambia nada. El informe sirve al comprador, no al trabajador.</p>",
            ),
            ("heading", "Qué cambia con la verificación impulsada por trabajadores"),
            (
                "paragraph",
                "<p>La verificación incluye visitas, pero también un <strong>mecanismo de "
                "quejas</strong> que funciona todo el año, entrevistas lejos de la gerencia y "
                "consecuencias obligatorias cuando se encuentran violaciones.</p>",
            ),
            (
                "key_takeaways",
                [
                    "Una auditoría pagada por el auditado rara vez encuentra lo importante.",
                    "Los trabajadores hablan cuando hablar trae soluciones.",
                    "Verificar sin consecuencias es solo relaciones públicas.",
                ],
            ),
        ],
    },
    {
        "slug": "grabacion-encuentro-de-jornaleros-agricolas",
        "language": "es",
        "title": "Grabación: encuentro de jornaleros agrícolas sobre educación entre pares",
        "summary": (
            "Video y notas de un encuentro en el que jornaleros de varios estados de México y de "
            "Estados Unidos compartieron cómo organizan la educación de trabajador a trabajador."
        ),
        "kind": "recording",
        "sectors": ["agriculture"],
        "countries": ["MX", "US"],
        "principles": [7, 1],
        "tags": ["educación", "encuentro", "educadores pares"],
        "year": 2023,
        "audience": "public",
        "body": [
            ("heading", "Sobre esta grabación"),
            (
                "paragraph",
                "<p>En este encuentro, educadores de organizaciones de jornaleros compartieron "
                "cómo preparan sus sesiones en el campo: qué temas tocan primero, cómo usan obras "
                "de teatro cortas para explicar el acoso y las represalias, y cómo hacen para que "
                "los trabajadores recuerden el número de la línea de quejas. También hablaron de "
                "las dificultades, como los ranchos que programan las sesiones al final de la "
                "jornada, cuando todos están cansados, o los supervisores que se quedan a "
                "escuchar. La grabación incluye subtítulos en español e inglés.</p>",
            ),
            ("heading", "Capítulos"),
            (
                "paragraph",
                "<p>Ir a una parte de la grabación:</p><ul><li>00:00 Bienvenida</li><li>06:10 "
                "Cómo empieza una sesión</li><li>22:45 Teatro en el surco</li><li>38:20 Cuando el "
                "supervisor no se va</li><li>51:00 Preguntas</li></ul>",
            ),
            (
                "quote",
                "El trabajador no escucha al patrón, pero escucha a otro trabajador.",
                "Un educador par, Baja California",
            ),
        ],
    },
    {
        "slug": "lecciones-de-negociacion-con-compradores",
        "language": "es",
        "title": "Lecciones de negociación con compradores",
        "summary": (
            "Notas internas para miembros sobre lo que aprendieron las organizaciones al negociar "
            "sus primeros acuerdos vinculantes con compradores: preparación, líneas rojas y "
            "trampas de redacción."
        ),
        "kind": "lesson_learned",
        "sectors": ["agriculture"],
        "countries": ["MX", "US"],
        "principles": [2, 3],
        "tags": ["negociación", "acuerdos vinculantes", "compradores"],
        "year": 2024,
        "audience": "members",
        "body": [
            ("heading", "Solo para miembros"),
            (
                "paragraph",
                "<p>Estas notas reúnen experiencias de varias organizaciones miembro en la mesa "
                "de negociación y no deben compartirse fuera de la Colaborativa. La lección más "
                "repetida es la preparación: los equipos que mejor negociaron sabían de antemano "
                "qué no iban a ceder, llevaron a trabajadores a la mesa y presentaron su propio "
                "borrador, de modo que los abogados del comprador tuvieron que responder al texto "
                "de los trabajadores. Los compradores intentaron casi siempre cambiar "
                "obligaciones por frases como <em>hará lo posible</em>, limitar la prima a un "
                "periodo piloto y dejar las consecuencias a su criterio.</p>",
            ),
            ("heading", "Trampas de redacción"),
            (
                "paragraph",
                "<p>Cuidado con estas frases en el borrador del "
                "comprador:</p><ul><li><em>Esfuerzos razonables</em> en lugar de obligaciones "
                "claras</li><li>Cláusulas de confidencialidad que impiden hablar del "
                "programa</li><li>Terminación del acuerdo a voluntad del comprador</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Lleven su propio borrador.",
                    "No cedan en obligaciones, prima y consecuencias.",
                    "Los trabajadores deben estar en la mesa.",
                ],
            ),
        ],
    },
    {
        "slug": "borrador-protocolo-de-quejas-para-granjas-lecheras",
        "language": "es",
        "title": "Borrador: protocolo de quejas para granjas lecheras",
        "summary": (
            "Borrador para comentarios de los miembros de un protocolo para recibir, investigar y "
            "resolver quejas en granjas lecheras pequeñas, donde el anonimato es casi imposible."
        ),
        "kind": "toolkit",
        "sectors": ["dairy"],
        "countries": ["US"],
        "principles": [6],
        "tags": ["mecanismo de quejas", "represalias", "protocolo"],
        "year": 2025,
        "audience": "members",
        "body": [
            ("heading", "Por qué un protocolo propio"),
            (
                "paragraph",
                "<p>En una granja con tres o cuatro trabajadores, el patrón casi siempre sabe "
                "quién presentó una queja. Por eso este borrador propone pasos que protegen al "
                "trabajador aun cuando no puede ser anónimo: avisar al patrón por escrito de que "
                "cualquier represalia será una violación grave; visitar la granja para revisar "
                "varias cosas a la vez, no solo el tema de la queja; y volver a llamar al "
                "trabajador a las dos y a las seis semanas. El protocolo también fija plazos: "
                "acuse de recibo en un día, inicio de la investigación en tres y resolución en "
                "treinta, salvo casos graves que se atienden de inmediato.</p>",
            ),
            ("heading", "Pasos del protocolo"),
            (
                "paragraph",
                "<p>El borrador propone cuatro pasos:</p><ol><li>Recepción de la queja por "
                "teléfono, mensaje o en persona</li><li>Evaluación de urgencia y riesgo de "
                "represalia</li><li>Investigación con entrevistas fuera de la "
                "granja</li><li>Resolución y seguimiento</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "Donde no hay anonimato, la protección debe ser activa.",
                    "Plazos claros para cada paso de la queja.",
                    "Envíen sus comentarios antes del cierre de la consulta.",
                ],
            ),
        ],
    },
    {
        "slug": "guia-interna-para-educadores-pares",
        "language": "es",
        "title": "Guía interna para educadores pares",
        "summary": (
            "Material interno para organizaciones miembro sobre cómo seleccionar, formar y "
            "acompañar a trabajadores que dan sesiones de derechos a sus compañeros."
        ),
        "kind": "training",
        "sectors": ["agriculture"],
        "countries": ["MX", "GT"],
        "principles": [7],
        "tags": ["educadores pares", "formación", "educación"],
        "year": 2023,
        "audience": "members",
        "body": [
            ("heading", "A quién buscar"),
            (
                "paragraph",
                "<p>Un buen educador par no es necesariamente quien habla mejor en público, sino "
                "alguien en quien sus compañeros confían. Esta guía interna recoge lo que han "
                "aprendido las organizaciones miembro: buscar personas de distintas cuadrillas, "
                "edades y lenguas, incluidas lenguas indígenas; incluir a mujeres desde el "
                "principio, porque muchas trabajadoras solo hablarán de acoso con otra mujer; "
                "pagar el tiempo de formación; y acompañar las primeras sesiones de cada nuevo "
                "educador. También propone una reunión mensual para compartir lo que escuchan en "
                "el campo, que muchas veces anticipa las quejas que vendrán.</p>",
            ),
            ("heading", "Formación básica"),
            (
                "paragraph",
                "<p>La formación básica tiene tres partes:</p><ol><li>El código, en palabras "
                "sencillas</li><li>Cómo conducir una sesión</li><li>Cómo acompañar a un compañero "
                "que quiere presentar una queja</li></ol>",
            ),
            (
                "key_takeaways",
                [
                    "La confianza importa más que la oratoria.",
                    "Las mujeres educadoras son indispensables.",
                    "El tiempo de formación se paga.",
                ],
            ),
        ],
    },
    {
        "slug": "informe-de-intercambio-guatemala-mexico",
        "language": "es",
        "title": "Informe de intercambio: trabajadores agrícolas de Guatemala y México",
        "summary": (
            "Informe para miembros sobre un intercambio entre organizaciones de jornaleros de "
            "Guatemala y México que discutieron reclutamiento, cobros ilegales y cómo llevar el "
            "modelo a sus regiones."
        ),
        "kind": "report",
        "sectors": ["agriculture"],
        "countries": ["GT", "MX"],
        "principles": [1, 7],
        "tags": ["intercambio", "reclutamiento", "migración"],
        "year": 2022,
        "audience": "members",
        "body": [
            ("heading", "Sobre el intercambio"),
            (
                "paragraph",
                "<p>Durante tres días, organizaciones de jornaleros de Guatemala y del sur de "
                "México compartieron su experiencia con el reclutamiento de trabajadores para las "
                "cosechas de exportación. Los participantes describieron cobros ilegales de los "
                "reclutadores, promesas de salario que no se cumplen y documentos retenidos por "
                "los patrones. Discutieron cómo un programa impulsado por trabajadores podría "
                "cubrir toda la ruta, desde la comunidad de origen hasta el rancho, y qué "
                "compradores tendrían suficiente peso para exigirlo. Este informe resume la "
                "discusión para los miembros, sin atribuir opiniones a personas concretas.</p>",
            ),
            ("heading", "Acuerdos del encuentro"),
            (
                "paragraph",
                "<p>Las organizaciones acordaron:</p><ul><li>Documentar casos de cobros de "
                "reclutamiento en ambos países</li><li>Formar educadores pares en las comunidades "
                "de origen</li><li>Identificar a los compradores de las principales fincas y "
                "ranchos</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "El abuso empieza antes de llegar al rancho.",
                    "Un programa debe cubrir el reclutamiento.",
                    "La coordinación entre países es indispensable.",
                ],
            ),
        ],
    },
    {
        "slug": "borrador-primas-precios-y-salarios-en-las-berries",
        "language": "es",
        "title": "Borrador: primas, precios y salarios en las berries de exportación",
        "summary": (
            "Análisis preliminar para miembros sobre cuánto tendría que pagar un comprador en "
            "forma de prima para mejorar de verdad los salarios de quienes cosechan berries de "
            "exportación."
        ),
        "kind": "analysis",
        "sectors": ["agriculture"],
        "countries": ["MX"],
        "principles": [3, 5],
        "tags": ["primas", "salarios", "precios"],
        "year": 2024,
        "audience": "members",
        "body": [
            ("heading", "La pregunta"),
            (
                "paragraph",
                "<p>Este borrador para miembros explora cuánto cuesta, de verdad, mejorar los "
                "salarios en la cosecha de berries para exportación. El análisis parte de una "
                "idea sencilla: la mano de obra de la cosecha representa una parte pequeña del "
                "precio que paga el consumidor, de modo que una prima modesta por caja podría "
                "aumentar mucho el ingreso de los jornaleros sin cambiar casi nada en el precio "
                "final. Pero para que eso ocurra, la prima debe llegar a la nómina y no quedarse "
                "en el empaque o en el contratista. El borrador propone escenarios con primas "
                "distintas y pide a los miembros datos de salarios actuales para afinarlos.</p>",
            ),
            ("heading", "Preguntas para los miembros"),
            (
                "paragraph",
                "<p>Para afinar el análisis, necesitamos saber:</p><ul><li>¿Cuánto gana hoy un "
                "cosechador por caja en su región?</li><li>¿Quién controla la nómina: el rancho, "
                "el empaque o un contratista?</li><li>¿Qué compradores podrían aceptar una "
                "prima?</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Una prima modesta por caja puede cambiar mucho el ingreso de los jornaleros.",
                    "La prima debe llegar a la nómina, no quedarse en el camino.",
                    "Faltan datos de salarios: los miembros pueden aportarlos.",
                ],
            ),
        ],
    },
    {
        "slug": "evaluacion-interna-iniciativa-de-hortalizas",
        "language": "es",
        "title": "Evaluación interna: una iniciativa de hortalizas en el noroeste de México",
        "summary": (
            "Evaluación del personal sobre una iniciativa de certificación de hortalizas que se "
            "presenta como impulsada por trabajadores, con puntuación según la primera versión del "
            "marco."
        ),
        "kind": "analysis",
        "sectors": ["agriculture"],
        "countries": ["MX"],
        "principles": [1, 4, 6],
        "tags": ["evaluación", "auditorías", "certificación"],
        "year": 2025,
        "audience": "staff",
        "body": [
            ("heading", "Resumen"),
            (
                "paragraph",
                "<p>La iniciativa afirma que los trabajadores participan en su diseño, pero la "
                "evidencia reunida no lo confirma. Las normas las redactó un comité de empresas y "
                "compradores; la verificación depende de auditorías anuales programadas con cada "
                "rancho; y en las entrevistas realizadas fuera de los campos, la mayoría de los "
                "trabajadores no conocía el buzón de quejas. Ningún comprador se ha comprometido "
                "a suspender compras por violaciones. El personal recomienda una puntuación de 1 "
                "en los principios 1, 4 y 6, y una conversación con la iniciativa antes de "
                "cualquier declaración pública.</p>",
            ),
            ("heading", "Evidencia revisada"),
            (
                "paragraph",
                "<p>El personal revisó:</p><ul><li>Normas y documentos de gobierno "
                "publicados</li><li>Dos informes de auditoría entregados por la "
                "iniciativa</li><li>Entrevistas con trabajadores de cuatro ranchos</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Un buzón de quejas que nadie conoce no es un mecanismo de quejas.",
                    "Las auditorías programadas no sustituyen la verificación independiente.",
                    "Documento interno del personal: no circular.",
                ],
            ),
        ],
    },
    {
        "slug": "revision-interna-piloto-de-linea-de-quejas",
        "language": "es",
        "title": "Revisión interna: piloto de una línea de quejas regional",
        "summary": (
            "Revisión del personal sobre los primeros seis meses de una línea de quejas piloto "
            "para trabajadores agrícolas en México y Guatemala: uso, tiempos de respuesta y "
            "problemas."
        ),
        "kind": "report",
        "sectors": ["agriculture"],
        "countries": ["MX", "GT"],
        "principles": [6],
        "tags": ["mecanismo de quejas", "piloto", "tiempos de respuesta"],
        "year": 2024,
        "audience": "staff",
        "body": [
            ("heading", "Resultados del piloto"),
            (
                "paragraph",
                "<p>En sus primeros seis meses, la línea piloto recibió menos quejas de las "
                "esperadas, casi todas de los dos ranchos donde los educadores pares ya habían "
                "dado sesiones. Eso confirma que la educación entre pares es la puerta de entrada "
                "al mecanismo de quejas. Los tiempos de respuesta fueron buenos en la recepción, "
                "pero las investigaciones se alargaron cuando los ranchos no entregaron las "
                "nóminas a tiempo. Como ningún comprador participa todavía en el piloto, no hubo "
                "forma de obligarlos. El personal recomienda no ampliar la línea a otras regiones "
                "hasta contar con al menos un comprador comprometido.</p>",
            ),
            ("heading", "Recomendaciones"),
            (
                "paragraph",
                "<p>El personal recomienda:</p><ul><li>Ampliar primero la educación entre "
                "pares</li><li>Fijar plazos para la entrega de documentos</li><li>Buscar un "
                "comprador antes de crecer</li></ul>",
            ),
            (
                "key_takeaways",
                [
                    "Sin educación no hay quejas.",
                    "Sin comprador comprometido no hay consecuencias.",
                    "Documento interno del personal.",
                ],
            ),
        ],
    },
]

COLLECTIONS = [
    {
        "slug": "starting-a-worker-driven-program",
        "title": "Starting a worker-driven program",
        "title_es": "Cómo iniciar un programa impulsado por trabajadores",
        "introduction": (
            "A path for worker organizations weighing the WSR model for their own sector. Begin "
            "with what makes a program worker-driven, follow the steps from mapping the supply "
            "chain to a campaign that wins buyer agreements, and see how the first programs were "
            "built, taught and assessed."
        ),
        "introduction_es": (
            "Un recorrido para organizaciones de trabajadores que piensan aplicar el modelo WSR en "
            "su sector. Empieza por lo que hace que un programa sea impulsado por trabajadores, "
            "sigue los pasos desde el mapa de la cadena de suministro hasta la campaña que logra "
            "acuerdos con compradores, y conoce cómo se construyeron, enseñaron y evaluaron los "
            "primeros programas."
        ),
        "resources": [
            "starting-a-worker-driven-program-first-steps",
            "what-makes-a-program-worker-driven",
            "campaigns-that-win-buyer-agreements",
            "fair-food-program-tomato-fields-case-study",
            "worker-to-worker-education-sessions",
            "wsr-assessment-framework-first-version",
        ],
    },
    {
        "slug": "designing-a-complaint-mechanism",
        "title": "Designing a complaint mechanism",
        "title_es": "Cómo diseñar un mecanismo de quejas",
        "introduction": (
            "A complaint mechanism is where workers find out whether a program is real. These "
            "resources cover the features of a mechanism workers trust, how investigators should "
            "interview workers, how fast complaints should be resolved, and what enforcement looks "
            "like in the hardest cases."
        ),
        "introduction_es": (
            "El mecanismo de quejas es donde los trabajadores descubren si un programa es real. "
            "Estos recursos explican qué hace confiable a un mecanismo, cómo deben entrevistar los "
            "investigadores a los trabajadores, en cuánto tiempo deben resolverse las quejas y "
            "cómo se hacen cumplir las normas en los casos más difíciles."
        ),
        "resources": [
            "designing-a-complaint-mechanism-workers-trust",
            "training-investigators-in-worker-interviews",
            "zero-tolerance-sexual-harassment-lessons",
            "complaint-resolution-times-benchmark",
            "recording-enforcement-in-practice-panel",
        ],
    },
    {
        "slug": "from-voluntary-codes-to-binding-agreements",
        "title": "From voluntary codes to binding agreements",
        "title_es": "De los códigos voluntarios a los acuerdos vinculantes",
        "introduction": (
            "Why decades of codes of conduct and social audits left conditions largely unchanged, "
            "and what replaced them where workers won. Read the critique, then the lessons of the "
            "garment safety agreements and a clause-by-clause guide to what makes an agreement "
            "enforceable."
        ),
        "introduction_es": (
            "Por qué décadas de códigos de conducta y auditorías sociales dejaron las condiciones "
            "casi iguales, y qué los reemplazó donde los trabajadores ganaron. Lea la crítica y "
            "después las lecciones de los acuerdos de seguridad en la confección y una guía, "
            "cláusula por cláusula, de lo que hace exigible un acuerdo."
        ),
        "resources": [
            "from-codes-of-conduct-to-contracts",
            "why-social-audits-fail-workers",
            "from-rana-plaza-to-the-accord",
            "anatomy-of-an-enforceable-brand-agreement",
            "extending-a-binding-safety-agreement-to-pakistan",
            "scoring-market-consequences-indicator-guide",
        ],
    },
]
