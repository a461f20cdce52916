from ansinh.targets.models.indicators import Indicator, Measure
from ansinh.targets.models.values import MeasureValue, Target

__all__ = ["Indicator", "Measure", "MeasureValue", "Target"]
