#include "panes/eventtab.h"

#include "model/analysis.h"
#include "models/pointdetails.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Rewind {

namespace {
/// Compact JSON text, indented by two spaces a level, keys left in their order.
QString indented(const QByteArray& compact)
{
    QByteArray out;
    int depth = 0;
    bool inString = false;
    const auto newline = [&] { out += '\n' + QByteArray(depth * 2, ' '); };
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const char c = compact.at(i);
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < compact.size())
                out += compact.at(++i);
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[':
            out += c;
            // Empty objects and arrays stay on one line.
            if (i + 1 < compact.size() && (compact.at(i + 1) == '}' || compact.at(i + 1) == ']')) {
                out += compact.at(++i);
                break;
            }
            ++depth;
            newline();
            break;
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return QString::fromUtf8(out) + QLatin1Char('\n');
}
}

EventTab::EventTab(QWidget* parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
{
    m_text->setObjectName(QStringLiteral("eventText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setFamilies({ QStringLiteral("DejaVu Sans Mono"), mono.family() });
    m_text->setFont(mono);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
}

void EventTab::setDetails(const PointDetails& details)
{
    if (details.event.position == 0) {
        m_text->setPlainText(details.error);
        return;
    }
    // The core writes keys in their documented order (QJsonObject would sort them): keep it.
    // An event whose data is not JSON (a store edited by hand) is shown as it is stored, under
    // the reason, rather than with an empty object in its place.
    const auto json = details.event.toJsonWriter();
    QString text = json ? indented(json->toJson())
                        : tr("// %1\n// data as stored: %2\n// metadata as stored: %3\n")
                              .arg(json.error().message, QString::fromUtf8(details.event.data),
                                  QString::fromUtf8(details.event.metadata));
    // What the analysis found here is not part of the event: it goes below, marked as such.
    if (!details.anomalies.isEmpty()) {
        QByteArray anomalies = "[";
        for (const Anomaly& anomaly : details.anomalies)
            anomalies += (anomalies.size() > 1 ? "," : "") + anomaly.toJsonWriter().toJson();
        text += tr("\n// Anomalies found at this event (not in the log):\n") + indented(anomalies + ']');
    }
    if (details.snapshot) {
        text += (details.snapshot->matches ? tr("\n// Snapshot taken after this event (matches the replay):\n")
                                           : tr("\n// Snapshot taken after this event (DIFFERS from the replay):\n"))
            + indented(details.snapshot->snapshot.toJsonWriter().toJson());
    }
    m_text->setPlainText(text);
}

} // namespace Rewind
