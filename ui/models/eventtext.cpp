#include "models/eventtext.h"

#include "domains/domain.h"
#include "domains/summarytext.h"

#include <QDateTime>
#include <QTimeZone>

namespace Rewind::EventText {

QString money(const JsonValue& value) { return SummaryText::money(value); }

QString value(const JsonValue& value, bool isMoney)
{
    return isMoney ? SummaryText::money(value) : SummaryText::json(value);
}

bool isMoneyPath(const Domain* domain, const QString& path)
{
    return domain && domain->isMoney(path.section(QLatin1Char('/'), -1));
}

QString time(qint64 msSinceEpoch)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc());
    return at.toString(
        msSinceEpoch % 1000 == 0 ? QStringLiteral("yyyy-MM-dd hh:mm:ss") : QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
}

} // namespace Rewind::EventText
