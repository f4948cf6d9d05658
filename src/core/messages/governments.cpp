// Regional governments (issue 12): `netral instansi`, the superadmin's governments page and
// the choice of government on the public form.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    {"error.instansi_exists", "Pemerintah daerah ini sudah terdaftar.", "This regional government is registered already."},
    {"error.instansi_disabled", "Pemerintah daerah ini sedang tidak menerima laporan baru melalui Netral.", "This regional government is not taking new reports through Netral at the moment."},
};

}  // namespace

std::span<const MessageEntry> governments() { return kEntries; }

}  // namespace netral::messages
