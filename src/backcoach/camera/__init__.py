"""The camera coach: count reps, time holds and catch form mistakes from pose landmarks.

Usage::

    from backcoach.camera.coach import CameraCoach
    from backcoach.camera.landmarks import read_stream

    coach = CameraCoach("hip_hinge", lang="en")
    for frame in read_stream(Path("hinge.jsonl")):
        update = coach.feed(frame)
    coach.summary()

Everything here runs on the device in pure Python: :mod:`~backcoach.camera.landmarks`
(MediaPipe Pose's 33 points and the JSON-lines stream file), :mod:`~backcoach.camera.
angles` (joint angles from one frame), :mod:`~backcoach.camera.rules` (the motion rules in
``catalog/data/motion``), :mod:`~backcoach.camera.counter` (reps and holds),
:mod:`~backcoach.camera.coach` (the coach) and :mod:`~backcoach.camera.synthetic`
(streams posed from the figures, for tests and demos). Reading a camera needs MediaPipe
and lives apart, in ``camera/pose.py``; nothing here imports it.
"""
