package org.rlgan.scenarios.plot;

import java.awt.BasicStroke;
import java.awt.Color;
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
import org.knowm.xchart.style.theme.XChartTheme;
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

  /** One curve with its confidence band (for {@link #bands}). */
  public record Band(String name, double[] x, double[] y, double[] low, double[] high) {}

  /** Colours of {@link #bands} and {@link #intervals}: XChart's default palette, repeated when there are more. */
  private static final Color[] PALETTE = new XChartTheme().getSeriesColors();

  /**
   * Curves with shaded confidence bands (aggregate learning curves, performance profiles). A band is drawn where it
   * has two or more points; NaN points are dropped.
   */
  public static void bands(Path file, String title, String xLabel, String yLabel, List<Band> bands) {
    XYChart c = new XYChartBuilder().width(900).height(550).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    c.getStyler().setLegendVisible(true);
    int added = 0;
    for (int i = 0; i < bands.size(); i++) {
      Band b = bands.get(i);
      Color col = PALETTE[i % PALETTE.length];
      double[][] lo = finite(new double[][] {b.x(), b.low()});
      double[][] hi = finite(new double[][] {b.x(), b.high()});
      if (lo[0].length >= 2 && lo[0].length == hi[0].length) {
        // The band as one closed polygon: the upper edge left to right, then the lower edge back.
        int n = lo[0].length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int k = 0; k < n; k++) {
          px[k] = hi[0][k];
          py[k] = hi[1][k];
          px[2 * n - 1 - k] = lo[0][k];
          py[2 * n - 1 - k] = lo[1][k];
        }
        XYSeries s = c.addSeries(b.name() + " (band)", px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 60));
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
      }
      double[][] xy = finite(new double[][] {b.x(), b.y()});
      if (xy[0].length > 0) {
        XYSeries s = c.addSeries(b.name(), xy[0], xy[1]);
        s.setLineColor(col);
        s.setMarkerColor(col);
        s.setMarker(xy[0].length < 3 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        added++;
      }
    }
    if (added > 0) {
      save(c, file);
    }
  }

  /**
   * Point estimates with their intervals, one row per name (rliable's interval-estimate plot): the value as a
   * marker, the interval as a horizontal segment.
   */
  public static void intervals(Path file, String title, String xLabel, List<String> names, double[] value,
      double[] low, double[] high) {
    XYChart c = new XYChartBuilder().width(900).height(120 + 40 * names.size()).title(title).xAxisTitle(xLabel)
        .build();
    // Rows are named in the legend, top to bottom in the plot's order (the axis has no room for long labels).
    c.getStyler().setLegendVisible(true);
    c.getStyler().setYAxisTicksVisible(false);
    c.getStyler().setYAxisMin(-0.5);
    c.getStyler().setYAxisMax(names.size() - 0.5);
    for (int i = 0; i < names.size(); i++) {
      Color col = PALETTE[i % PALETTE.length];
      double y = names.size() - 1 - i;
      if (Double.isFinite(low[i]) && Double.isFinite(high[i])) {
        XYSeries seg = c.addSeries(names.get(i), new double[] {low[i], high[i]}, new double[] {y, y});
        seg.setLineColor(col);
        seg.setLineStyle(new BasicStroke(6f));
        seg.setMarker(SeriesMarkers.NONE);
      }
      if (Double.isFinite(value[i])) {
        XYSeries pt = c.addSeries(names.get(i) + " (estimate)", new double[] {value[i]}, new double[] {y});
        pt.setShowInLegend(false);
        pt.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pt.setMarker(SeriesMarkers.DIAMOND);
        pt.setMarkerColor(Color.BLACK);
      }
    }
    save(c, file);
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
