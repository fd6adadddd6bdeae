/** Plot helpers over `showPlot` with Turkish axis titles by default. Used by every notebook. */
export { barFigure, BarOptions, showBar } from './plot/bar';
export { CurveOptions, EpochLogs, liveLossPlot, LiveLossPlot, showTrainingCurves, TrainEpochLog, trainingCurvesFigure } from './plot/curves';
export { confusionMatrix, heatmapFigure, HeatmapOptions, showConfusionMatrix, showHeatmap } from './plot/heatmap';
export { scatter2dFigure, ScatterOptions, ScatterPoint, showScatter2d } from './plot/scatter';
export { Figure, showPlot } from './display';
export { showTable } from './display';
