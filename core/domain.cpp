#include "domain.h"

namespace Rewind {

Decision Domain::decide(const Command& command, const State& state) const
{
    Q_UNUSED(command)
    Q_UNUSED(state)
    return Decision::refuse(QStringLiteral("unknown command"));
}

} // namespace Rewind
