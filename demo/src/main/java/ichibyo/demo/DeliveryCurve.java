package ichibyo.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The completion curve: movies delivered over the seconds since each run started, one step series per run. */
final class DeliveryCurve {

    /** A run: its name, when it started and ended, and when each of its movies was delivered. */
    record Series(String name, Instant started, Instant finished, List<Instant> delivered) {}

    private DeliveryCurve() {}

    static void write(List<Series> runs, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        int most = 1;
        for (Series run : runs) {
            XYSeries s = new XYSeries(run.name());
            s.add(0, 0);
            int n = 0;
            for (Instant at : run.delivered().stream().sorted().toList()) {
                s.add(seconds(run.started(), at), ++n);
            }
            s.add(seconds(run.started(), run.finished()), n);
            most = Math.max(most, n);
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Movies delivered since the run started", "seconds since the run started",
                "movies delivered", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYStepRenderer renderer = new XYStepRenderer();
        renderer.setDefaultShapesVisible(true);
        for (int i = 0; i < runs.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(3f));
        }
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(0, most + 0.5);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
