// Regional governments, their units and the staff roster.
#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

// Upserts key on the natural key so that re-running an import or the demo seed is harmless.
constexpr std::string_view kUpsertInstansi = R"(
INSERT INTO instansi (code, name, parent_id, disabled) VALUES (:code, :name, :parent, :disabled)
ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id
RETURNING id)";

constexpr std::string_view kInstansiColumns = "SELECT id, code, name, parent_id, disabled FROM instansi ";
constexpr std::string_view kSetInstansiDisabled = "UPDATE instansi SET disabled = :disabled WHERE id = :id";
constexpr std::string_view kInstansiByCode = "WHERE code = :code";
constexpr std::string_view kInstansiById = "WHERE id = :id";
constexpr std::string_view kListInstansi = "ORDER BY code";

constexpr std::string_view kUpsertUnit = R"(
INSERT INTO units (instansi_id, parent_id, code, name) VALUES (:instansi, :parent, :code, :name)
ON CONFLICT (instansi_id, code) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name
RETURNING id)";

constexpr std::string_view kUnitColumns = "SELECT id, instansi_id, parent_id, code, name FROM units ";
constexpr std::string_view kUnitsOf = "WHERE instansi_id = :instansi ORDER BY code";
constexpr std::string_view kUnitById = "WHERE id = :id";

constexpr std::string_view kInsertEmployee = R"(
INSERT INTO employees (instansi_id, unit_id, nip, name, type, position, superior_id)
VALUES (:instansi, :unit, :nip, :name, :type, :position, :superior)
RETURNING id)";

constexpr std::string_view kEmployeeColumns =
    "SELECT id, instansi_id, unit_id, nip, name, type, position, superior_id FROM employees ";
constexpr std::string_view kEmployeeByNip = "WHERE instansi_id = :instansi AND nip = :nip AND nip <> ''";
constexpr std::string_view kEmployeeById = "WHERE id = :id";

constexpr std::string_view kCountEmployees = "SELECT COUNT(*) FROM employees WHERE instansi_id = :instansi";

std::string cat(std::string_view a, std::string_view b) { return std::string(a).append(b); }

void bind(Stmt& st, Instansi& i) { st.into(i.id).into(i.code).into(i.name).into(i.parent_id).into(i.disabled); }
void bind(Stmt& st, Unit& u) { st.into(u.id).into(u.instansi_id).into(u.parent_id).into(u.code).into(u.name); }

// The staff type travels as text; an unknown spelling (a newer binary wrote it) reads as unknown.
struct EmployeeRow {
  Employee e;
  std::string type;
  void bind(Stmt& st) {
    st.into(e.id).into(e.instansi_id).into(e.unit_id).into(e.nip).into(e.name).into(type).into(e.position).into(
        e.superior_id);
  }
  Employee get() {
    e.type = staff_type_from_string(type).value_or(StaffType::unknown);
    return e;
  }
};

template <class T>
std::optional<T> one(Stmt& st, T& row) {
  if (!st.run()) return std::nullopt;
  return row;
}

}  // namespace

Id SociReferenceRepo::upsert_instansi(Tx& tx, const Instansi& i) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "upsert_instansi", kUpsertInstansi);
  st.use(i.code).use(i.name).use(i.parent_id).use(i.disabled).into(id);
  st.run();
  return id;
}

void SociReferenceRepo::set_instansi_disabled(Tx& tx, Id id, bool disabled) {
  Stmt st(soci_tx(tx).sql(), "set_instansi_disabled", kSetInstansiDisabled);
  st.use(disabled).use(id);
  st.run();
}

std::optional<Instansi> SociReferenceRepo::instansi_by_code(Tx& tx, const std::string& code) {
  Instansi i;
  Stmt st(soci_tx(tx).sql(), "instansi_by_code", cat(kInstansiColumns, kInstansiByCode));
  bind(st, i);
  st.use(code);
  return one(st, i);
}

std::optional<Instansi> SociReferenceRepo::instansi_by_id(Tx& tx, Id id) {
  Instansi i;
  Stmt st(soci_tx(tx).sql(), "instansi_by_id", cat(kInstansiColumns, kInstansiById));
  bind(st, i);
  st.use(id);
  return one(st, i);
}

std::vector<Instansi> SociReferenceRepo::list_instansi(Tx& tx) {
  std::vector<Instansi> out;
  Instansi i;
  Stmt st(soci_tx(tx).sql(), "list_instansi", cat(kInstansiColumns, kListInstansi));
  bind(st, i);
  for (bool row = st.run(); row; row = st.next()) out.push_back(i);
  return out;
}

Id SociReferenceRepo::upsert_unit(Tx& tx, const Unit& u) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "upsert_unit", kUpsertUnit);
  st.use(u.instansi_id).use(u.parent_id).use(u.code).use(u.name).into(id);
  st.run();
  return id;
}

std::vector<Unit> SociReferenceRepo::units_of(Tx& tx, Id instansi_id) {
  std::vector<Unit> out;
  Unit u;
  Stmt st(soci_tx(tx).sql(), "units_of", cat(kUnitColumns, kUnitsOf));
  bind(st, u);
  st.use(instansi_id);
  for (bool row = st.run(); row; row = st.next()) out.push_back(u);
  return out;
}

std::optional<Unit> SociReferenceRepo::unit_by_id(Tx& tx, Id id) {
  Unit u;
  Stmt st(soci_tx(tx).sql(), "unit_by_id", cat(kUnitColumns, kUnitById));
  bind(st, u);
  st.use(id);
  return one(st, u);
}

Id SociReferenceRepo::insert_employee(Tx& tx, const Employee& e) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_employee", kInsertEmployee);
  st.use(e.instansi_id)
      .use(e.unit_id)
      .use(e.nip)
      .use(e.name)
      .use(to_string(e.type))
      .use(e.position)
      .use(e.superior_id)
      .into(id);
  st.run();
  return id;
}

std::optional<Employee> SociReferenceRepo::employee_by_nip(Tx& tx, Id instansi_id, const std::string& nip) {
  EmployeeRow r;
  Stmt st(soci_tx(tx).sql(), "employee_by_nip", cat(kEmployeeColumns, kEmployeeByNip));
  r.bind(st);
  st.use(instansi_id).use(nip);
  if (!st.run()) return std::nullopt;
  return r.get();
}

std::optional<Employee> SociReferenceRepo::employee_by_id(Tx& tx, Id id) {
  EmployeeRow r;
  Stmt st(soci_tx(tx).sql(), "employee_by_id", cat(kEmployeeColumns, kEmployeeById));
  r.bind(st);
  st.use(id);
  if (!st.run()) return std::nullopt;
  return r.get();
}

long long SociReferenceRepo::count_employees(Tx& tx, Id instansi_id) {
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "count_employees", kCountEmployees);
  st.use(instansi_id).into(n);
  st.run();
  return n;
}

// --- roster import (issue 3) ---

namespace {
constexpr std::string_view kUpdateEmployee = R"(
UPDATE employees SET unit_id = :unit, nip = :nip, name = :name, type = :type, position = :position,
  superior_id = :superior
WHERE id = :id)";
constexpr std::string_view kEmployeesOf = "WHERE instansi_id = :instansi ORDER BY id";
}  // namespace

void SociReferenceRepo::update_employee(Tx& tx, const Employee& e) {
  Stmt st(soci_tx(tx).sql(), "update_employee", kUpdateEmployee);
  st.use(e.unit_id).use(e.nip).use(e.name).use(to_string(e.type)).use(e.position).use(e.superior_id).use(e.id);
  st.run();
}

std::vector<Employee> SociReferenceRepo::employees_of(Tx& tx, Id instansi_id) {
  std::vector<Employee> out;
  EmployeeRow r;
  Stmt st(soci_tx(tx).sql(), "employees_of", cat(kEmployeeColumns, kEmployeesOf));
  r.bind(st);
  st.use(instansi_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(r.get());
  return out;
}

}  // namespace netral::store::detail
