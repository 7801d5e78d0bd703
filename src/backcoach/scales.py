"""The clinical scales backcoach reads, defined once: the 0-10 pain scale and the PSFS.

Plain constants (no imports), so the screening, the planner, the progress report and the
command line's prompts all use the same figures. Where each comes from: CLINICAL.md.
"""

from __future__ import annotations

# The numeric pain rating scale: 0 = no pain, 10 = the worst pain imaginable.
PAIN_MIN = 0
PAIN_MAX = 10
# From here on the pain counts as severe: no exercise today (screening) and a session that
# ends at this level was too much (planner). 7-10 is "severe" on the NRS's usual bands.
ACUTE_PAIN = 7
# A change of this many points, or this fraction of the starting value, is clinically
# meaningful (Ostelo et al., Spine 2008; Childs et al., Spine 2005).
PAIN_MCID_POINTS = 2.0
PAIN_MCID_FRACTION = 0.30

# The Patient-Specific Functional Scale: each activity 0 (unable) to 10 (as before).
PSFS_MIN = 0
PSFS_MAX = 10
PSFS_MCID_AVERAGE = 2.0  # Stratford et al., Physiotherapy Canada 1995
PSFS_MCID_ACTIVITY = 3.0  # Stratford et al. 1995
