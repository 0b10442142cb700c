// Spellings and precedences shared by the printer, the dump and later stages.
#include "ast/ast.h"

namespace ranvier::ast {

const char* spelling(UnaryOp op) {
    switch (op) {
    case UnaryOp::Neg:
        return "-";
    case UnaryOp::Plus:
        return "+";
    case UnaryOp::Not:
        return "!";
    }
    return "?";
}

const char* spelling(BinaryOp op) {
    switch (op) {
    case BinaryOp::Pow:
        return "^";
    case BinaryOp::Mul:
        return "*";
    case BinaryOp::Div:
        return "/";
    case BinaryOp::Add:
        return "+";
    case BinaryOp::Sub:
        return "-";
    case BinaryOp::Lt:
        return "<";
    case BinaryOp::Gt:
        return ">";
    case BinaryOp::Le:
        return "<=";
    case BinaryOp::Ge:
        return ">=";
    case BinaryOp::Eq:
        return "==";
    case BinaryOp::Ne:
        return "!=";
    case BinaryOp::And:
        return "&&";
    case BinaryOp::Or:
        return "||";
    }
    return "?";
}

// Unary operators sit at 7, between * / and ^ (see the grammar).
int precedence(BinaryOp op) {
    switch (op) {
    case BinaryOp::Pow:
        return 8;
    case BinaryOp::Mul:
    case BinaryOp::Div:
        return 6;
    case BinaryOp::Add:
    case BinaryOp::Sub:
        return 5;
    case BinaryOp::Lt:
    case BinaryOp::Gt:
    case BinaryOp::Le:
    case BinaryOp::Ge:
        return 4;
    case BinaryOp::Eq:
    case BinaryOp::Ne:
        return 3;
    case BinaryOp::And:
        return 2;
    case BinaryOp::Or:
        return 1;
    }
    return 0;
}

bool is_comparison(BinaryOp op) {
    return precedence(op) == 3 || precedence(op) == 4;
}
bool is_logical(BinaryOp op) {
    return op == BinaryOp::And || op == BinaryOp::Or;
}

const char* keyword(NeuronStmtKind kind) {
    switch (kind) {
    case NeuronStmtKind::Suffix:
        return "SUFFIX";
    case NeuronStmtKind::PointProcess:
        return "POINT_PROCESS";
    case NeuronStmtKind::ArtificialCell:
        return "ARTIFICIAL_CELL";
    case NeuronStmtKind::UseIon:
        return "USEION";
    case NeuronStmtKind::NonspecificCurrent:
        return "NONSPECIFIC_CURRENT";
    case NeuronStmtKind::ElectrodeCurrent:
        return "ELECTRODE_CURRENT";
    case NeuronStmtKind::Range:
        return "RANGE";
    case NeuronStmtKind::Global:
        return "GLOBAL";
    case NeuronStmtKind::Pointer:
        return "POINTER";
    case NeuronStmtKind::BbcorePointer:
        return "BBCOREPOINTER";
    case NeuronStmtKind::External:
        return "EXTERNAL";
    case NeuronStmtKind::Random:
        return "RANDOM";
    case NeuronStmtKind::Section:
        return "SECTION";
    case NeuronStmtKind::Threadsafe:
        return "THREADSAFE";
    case NeuronStmtKind::Represents:
        return "REPRESENTS";
    case NeuronStmtKind::Comment:
        return "COMMENT";
    case NeuronStmtKind::Verbatim:
        return "VERBATIM";
    case NeuronStmtKind::UnitsOn:
        return "UNITSON";
    case NeuronStmtKind::UnitsOff:
        return "UNITSOFF";
    }
    return "?";
}

const char* keyword(DeclKind kind) {
    switch (kind) {
    case DeclKind::Parameter:
        return "PARAMETER";
    case DeclKind::Assigned:
        return "ASSIGNED";
    case DeclKind::State:
        return "STATE";
    case DeclKind::Constant:
        return "CONSTANT";
    case DeclKind::Dependent:
        return "DEPENDENT";
    }
    return "?";
}

const char* keyword(ProceduralKind kind) {
    switch (kind) {
    case ProceduralKind::Initial:
        return "INITIAL";
    case ProceduralKind::Breakpoint:
        return "BREAKPOINT";
    case ProceduralKind::Constructor:
        return "CONSTRUCTOR";
    case ProceduralKind::Destructor:
        return "DESTRUCTOR";
    }
    return "?";
}

const char* keyword(NamedKind kind) {
    switch (kind) {
    case NamedKind::Derivative:
        return "DERIVATIVE";
    case NamedKind::Kinetic:
        return "KINETIC";
    case NamedKind::Linear:
        return "LINEAR";
    case NamedKind::Nonlinear:
        return "NONLINEAR";
    case NamedKind::Discrete:
        return "DISCRETE";
    case NamedKind::Partial:
        return "PARTIAL";
    }
    return "?";
}

const char* keyword(CallableKind kind) {
    switch (kind) {
    case CallableKind::Function:
        return "FUNCTION";
    case CallableKind::Procedure:
        return "PROCEDURE";
    case CallableKind::FunctionTable:
        return "FUNCTION_TABLE";
    case CallableKind::NetReceive:
        return "NET_RECEIVE";
    }
    return "?";
}

} // namespace ranvier::ast
