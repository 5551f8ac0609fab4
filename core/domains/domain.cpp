#include "domains/domain.h"

#include "domains/summarytext.h"

namespace Rewind {

Decision Domain::decide(const Command& command, const State& state) const
{
    Q_UNUSED(command)
    Q_UNUSED(state)
    return Decision::refuse(QStringLiteral("unknown command"));
}

QList<CommandArgument> Domain::commandArguments(const QString& /*command*/) const { return {}; }

QString Domain::handlerText(const QString& /*type*/) const { return {}; }

QString Domain::summary(const Event& event) const { return SummaryText::compactData(event); }

bool Domain::isMoney(const QString& /*field*/) const { return false; }

} // namespace Rewind
