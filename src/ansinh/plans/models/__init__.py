from .plans import Plan, Task, TaskGroup, TaskUnit
from .progress import Attachment, ProgressReport

__all__ = ["Attachment", "Plan", "ProgressReport", "Task", "TaskGroup", "TaskUnit"]
