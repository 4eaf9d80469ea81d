// Draws the PNG icons in this folder with QPainter (QtSvg is not a dependency). Not part of the build:
// rerun by hand after changing a drawing, from this folder:
//   g++ -std=c++20 -fPIC draw-icons.cpp $(pkg-config --cflags --libs Qt6Gui) -o /tmp/draw-icons && \
//   QT_QPA_PLATFORM=offscreen /tmp/draw-icons
// Page icons: 32 px and 64 px (@2x); application icon: 32, 64, 128 and 256 px.
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <cmath>
#include <functional>

static void tile(QPainter &p, QColor c, int s)
{
    QRectF r(s * 0.04, s * 0.04, s * 0.92, s * 0.92);
    QLinearGradient g(r.topLeft(), r.bottomLeft());
    g.setColorAt(0, c.lighter(118));
    g.setColorAt(1, c.darker(112));
    p.setPen(Qt::NoPen);
    p.setBrush(g);
    p.drawRoundedRect(r, s * 0.2, s * 0.2);
}
static QPen wpen(double w)
{
    QPen pen(Qt::white, w);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    return pen;
}

static void save(const QString &name, int s, std::function<void(QPainter &, double)> f)
{
    QImage img(s, s, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    f(p, s);
    p.end();
    img.save(name + (s == 64 ? "@2x" : "") + ".png");
}
int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    for (int s : {32, 64}) {
        save("catalog", s, [](QPainter &p, double s) { // database cylinder
            tile(p, QColor(0x2f6fb3), s);
            p.setPen(wpen(s * 0.06));
            p.setBrush(Qt::NoBrush);
            double x = s * 0.27, w = s * 0.46, h = s * 0.14;
            p.drawEllipse(QRectF(x, s * 0.2, w, h));
            for (double y : {0.41, 0.59}) {
                QPainterPath a;
                a.arcMoveTo(QRectF(x, s * y - h / 2 + s * 0.0, w, h), 180);
                a.arcTo(QRectF(x, s * y - h / 2, w, h), 180, 180);
                p.drawPath(a);
            }
            p.drawLine(QPointF(x, s * 0.27), QPointF(x, s * 0.73));
            p.drawLine(QPointF(x + w, s * 0.27), QPointF(x + w, s * 0.73));
            QPainterPath b;
            b.arcMoveTo(QRectF(x, s * 0.66, w, h), 180);
            b.arcTo(QRectF(x, s * 0.66, w, h), 180, 180);
            p.drawPath(b);
        });
        save("target", s, [](QPainter &p, double s) { // cloud
            tile(p, QColor(0x6b4fbb), s);
            QPainterPath c;
            c.setFillRule(Qt::WindingFill);
            c.addEllipse(QRectF(s * 0.2, s * 0.45, s * 0.26, s * 0.24));
            c.addEllipse(QRectF(s * 0.33, s * 0.3, s * 0.32, s * 0.32));
            c.addEllipse(QRectF(s * 0.54, s * 0.42, s * 0.26, s * 0.26));
            c.addRoundedRect(QRectF(s * 0.3, s * 0.5, s * 0.4, s * 0.19), s * 0.05, s * 0.05);
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::white);
            p.drawPath(c.simplified());
        });
        save("mapping", s, [](QPainter &p, double s) { // two columns linked by arrows
            tile(p, QColor(0x16877f), s);
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::white);
            for (double y : {0.24, 0.44, 0.64}) {
                p.drawRoundedRect(QRectF(s * 0.17, s * y, s * 0.2, s * 0.12), s * 0.03, s * 0.03);
                p.drawRoundedRect(QRectF(s * 0.63, s * y, s * 0.2, s * 0.12), s * 0.03, s * 0.03);
            }
            p.setPen(wpen(s * 0.045));
            p.drawLine(QPointF(s * 0.4, s * 0.30), QPointF(s * 0.58, s * 0.50));
            p.drawLine(QPointF(s * 0.4, s * 0.50), QPointF(s * 0.58, s * 0.30));
            p.drawLine(QPointF(s * 0.4, s * 0.70), QPointF(s * 0.58, s * 0.70));
        });
        save("dryrun", s, [](QPainter &p, double s) { // checklist
            tile(p, QColor(0xc07a12), s);
            p.setPen(wpen(s * 0.06));
            for (double y : {0.3, 0.5, 0.7}) {
                p.drawLine(QPointF(s * 0.48, s * y), QPointF(s * 0.76, s * y));
                QPolygonF ck;
                ck << QPointF(s * 0.22, s * y) << QPointF(s * 0.29, s * (y + 0.06))
                   << QPointF(s * 0.39, s * (y - 0.07));
                p.drawPolyline(ck);
            }
        });
        save("run", s, [](QPainter &p, double s) { // play
            tile(p, QColor(0x2e8b3e), s);
            QPolygonF t;
            t << QPointF(s * 0.36, s * 0.25) << QPointF(s * 0.76, s * 0.5) << QPointF(s * 0.36, s * 0.75);
            p.setPen(wpen(s * 0.05));
            p.setBrush(Qt::white);
            p.drawPolygon(t);
        });
        save("quarantine", s, [](QPainter &p, double s) { // warning triangle
            tile(p, QColor(0xc0392b), s);
            QPolygonF t;
            t << QPointF(s * 0.5, s * 0.2) << QPointF(s * 0.8, s * 0.74) << QPointF(s * 0.2, s * 0.74);
            p.setPen(wpen(s * 0.06));
            p.setBrush(Qt::NoBrush);
            p.drawPolygon(t);
            p.setPen(wpen(s * 0.07));
            p.drawLine(QPointF(s * 0.5, s * 0.4), QPointF(s * 0.5, s * 0.55));
            p.drawPoint(QPointF(s * 0.5, s * 0.65));
        });
    }
    for (int s : {32, 64, 128, 256}) {
        QImage img(s, s, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        // ferry: hull + cabin over waves on a round deep-blue badge
        QRectF r(s * 0.03, s * 0.03, s * 0.94, s * 0.94);
        QLinearGradient g(r.topLeft(), r.bottomLeft());
        g.setColorAt(0, QColor(0x3a86d4));
        g.setColorAt(1, QColor(0x1d4f8a));
        p.setPen(Qt::NoPen);
        p.setBrush(g);
        p.drawEllipse(r);
        p.setBrush(Qt::white);
        QPolygonF hull;
        hull << QPointF(s * 0.18, s * 0.52) << QPointF(s * 0.82, s * 0.52) << QPointF(s * 0.72, s * 0.66)
             << QPointF(s * 0.28, s * 0.66);
        p.drawPolygon(hull);
        p.drawRoundedRect(QRectF(s * 0.32, s * 0.38, s * 0.34, s * 0.12), s * 0.02, s * 0.02);
        p.drawRect(QRectF(s * 0.52, s * 0.27, s * 0.07, s * 0.11));
        p.setBrush(QColor(0x1d4f8a));
        for (double x : {0.38, 0.47, 0.56})
            p.drawRect(QRectF(s * x, s * 0.41, s * 0.05, s * 0.05));
        QPen wp(QColor(0xbfe0ff), s * 0.035);
        wp.setCapStyle(Qt::RoundCap);
        p.setPen(wp);
        p.setBrush(Qt::NoBrush);
        QPainterPath wave;
        wave.moveTo(s * 0.2, s * 0.74);
        for (int i = 0; i < 4; ++i) {
            double x = s * (0.2 + i * 0.15);
            wave.cubicTo(x + s * 0.04, s * 0.70, x + s * 0.11, s * 0.78, x + s * 0.15, s * 0.74);
        }
        p.drawPath(wave);
        p.end();
        img.save(QString("ferry-%1.png").arg(s));
    }
}
