package org.rlgan.scenarios.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rlgan.scenarios.run.AtomicFiles;

/** PNG plots of runs (XChart, headless), written atomically. */
public final class Plots {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** One line per named series over a shared kind of x; NaN points are dropped. */
  public static void lines(Path file, String title, String xLabel, String yLabel, Map<String, double[][]> series,
      boolean markers) {
    XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    c.getStyler().setLegendVisible(series.size() > 1);
    int added = 0;
    for (var e : series.entrySet()) {
      double[][] xy = finite(e.getValue());
      if (xy[0].length == 0) {
        continue;
      }
      XYSeries s = c.addSeries(e.getKey(), xy[0], xy[1]);
      s.setMarker(markers || xy[0].length < 3 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      if (markers) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      }
      added++;
    }
    if (added > 0) {
      save(c, file);
    }
  }

  /** A learning curve: the training return line and the evaluation points with ±1 std error bars. */
  public static void learningCurve(Path file, String title, double[] step, double[] ret, double[] evalStep,
      double[] evalMean, double[] evalStd) {
    XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("environment steps")
        .yAxisTitle("return").build();
    double[][] tr = finite(new double[][] {step, ret});
    if (tr[0].length > 0) {
      c.addSeries("training (mean over the log interval)", tr[0], tr[1]).setMarker(SeriesMarkers.NONE);
    }
    if (evalStep.length > 0) {
      XYSeries s = c.addSeries("greedy evaluation (±1 std)", evalStep, evalMean, evalStd);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.DIAMOND);
    }
    if (tr[0].length > 0 || evalStep.length > 0) {
      save(c, file);
    }
  }

  /** A grid heatmap (row 0 at the top), e.g. V(s) of a grid world. */
  public static void heatmap(Path file, String title, int rows, int cols, double[] cellValues) {
    HeatMapChart c = new HeatMapChartBuilder().width(100 + 60 * cols).height(120 + 60 * rows).title(title).build();
    c.getStyler().setShowValue(rows * cols <= 400);
    c.getStyler().setLegendVisible(true);
    List<Integer> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int i = 0; i < cols; i++) {
      xs.add(i);
    }
    for (int i = 0; i < rows; i++) {
      ys.add(i);
    }
    List<Number[]> data = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int col = 0; col < cols; col++) {
        // the y axis grows upwards: draw row r at y = rows - 1 - r so row 0 is on top, as the maps are written
        data.add(new Number[] {col, rows - 1 - r, Math.round(cellValues[r * cols + col] * 1000) / 1000.0});
      }
    }
    c.addSeries(title, xs, ys, data);
    save(c, file);
  }

  private static double[][] finite(double[][] xy) {
    int n = 0;
    for (int i = 0; i < xy[0].length; i++) {
      if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
        n++;
      }
    }
    double[][] out = new double[2][n];
    int k = 0;
    for (int i = 0; i < xy[0].length; i++) {
      if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
        out[0][k] = xy[0][i];
        out[1][k++] = xy[1][i];
      }
    }
    return out;
  }

  private static void save(Chart<?, ?> c, Path file) {
    try {
      AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
    }
  }
}
