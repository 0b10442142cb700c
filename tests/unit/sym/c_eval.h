// A tiny evaluator for the C expressions that to_c prints, following C's grammar and precedence.
// The printer tests run printed text through it, so a missing parenthesis shows up as a wrong
// value, not as a string comparison someone has to reason about.
#pragma once

#include "sym/evaluate.h"

#include <cctype>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

namespace ranvier::sym::test {

class CEval {
  public:
    explicit CEval(const std::map<std::string, double>& names) : names_(names) {}

    double operator()(const std::string& text) {
        s_ = text;
        i_ = 0;
        double v = ternary();
        skip();
        if (i_ != s_.size())
            fail("trailing text");
        return v;
    }

  private:
    [[noreturn]] void fail(const std::string& why) {
        throw std::runtime_error(why + " at " + std::to_string(i_) + " in: " + s_);
    }
    void skip() {
        while (i_ < s_.size() && s_[i_] == ' ')
            ++i_;
    }
    bool eat(const std::string& op) {
        skip();
        if (s_.compare(i_, op.size(), op) != 0)
            return false;
        // "<" must not match the start of "<=", "!" not "!=", "&" needs "&&".
        if ((op == "<" || op == ">" || op == "!") && i_ + 1 < s_.size() && s_[i_ + 1] == '=')
            return false;
        i_ += op.size();
        return true;
    }
    void expect(const std::string& op) {
        if (!eat(op))
            fail("expected " + op);
    }
    static double truth(bool b) { return b ? 1.0 : 0.0; }

    double ternary() {
        double c = logical_or();
        if (!eat("?"))
            return c;
        double a = ternary();
        expect(":");
        double b = ternary();
        return c != 0.0 ? a : b;
    }
    double logical_or() {
        double v = logical_and();
        while (eat("||"))
            v = truth((logical_and() != 0.0) | (v != 0.0));
        return v;
    }
    double logical_and() {
        double v = equality();
        while (eat("&&"))
            v = truth((equality() != 0.0) & (v != 0.0));
        return v;
    }
    double equality() {
        double v = relational();
        for (;;) {
            if (eat("=="))
                v = truth(v == relational());
            else if (eat("!="))
                v = truth(v != relational());
            else
                return v;
        }
    }
    double relational() {
        double v = additive();
        for (;;) {
            if (eat("<="))
                v = truth(v <= additive());
            else if (eat(">="))
                v = truth(v >= additive());
            else if (eat("<"))
                v = truth(v < additive());
            else if (eat(">"))
                v = truth(v > additive());
            else
                return v;
        }
    }
    double additive() {
        double v = multiplicative();
        for (;;) {
            if (eat("+"))
                v += multiplicative();
            else if (eat("-"))
                v -= multiplicative();
            else
                return v;
        }
    }
    double multiplicative() {
        double v = unary();
        for (;;) {
            if (eat("*"))
                v *= unary();
            else if (eat("/"))
                v /= unary();
            else
                return v;
        }
    }
    double unary() {
        if (eat("-"))
            return -unary();
        if (eat("!"))
            return truth(unary() == 0.0);
        return primary();
    }
    double primary() {
        skip();
        if (eat("(")) {
            double v = ternary();
            expect(")");
            return v;
        }
        if (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) {
            std::size_t used = 0;
            double v = std::stod(s_.substr(i_), &used);
            i_ += used;
            return v;
        }
        std::size_t start = i_;
        while (i_ < s_.size() &&
               (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
            ++i_;
        std::string name = s_.substr(start, i_ - start);
        if (name.empty())
            fail("expected an operand");
        if (!eat("("))
            return variable(name);
        double a = ternary();
        if (eat(")"))
            return call1(name, a);
        expect(",");
        double b = ternary();
        expect(")");
        return call2(name, a, b);
    }
    double variable(const std::string& name) {
        if (name == "NAN")
            return NAN;
        if (name == "INFINITY")
            return INFINITY;
        auto it = names_.find(name);
        if (it == names_.end())
            fail("unknown name " + name);
        return it->second;
    }
    double call1(const std::string& name, double a) {
        for (int k = static_cast<int>(Kind::Exp); k <= static_cast<int>(Kind::ExprelrD1); ++k)
            if (kind_name(static_cast<Kind>(k)) == name)
                return apply_unary(static_cast<Kind>(k), a);
        fail("unknown function " + name);
    }
    double call2(const std::string& name, double a, double b) {
        if (name == "pow")
            return std::pow(a, b);
        for (Kind k : {Kind::Atan2, Kind::Fmin, Kind::Fmax})
            if (kind_name(k) == name)
                return apply_binary(k, a, b);
        fail("unknown function " + name);
    }

    const std::map<std::string, double>& names_;
    std::string s_;
    std::size_t i_ = 0;
};

} // namespace ranvier::sym::test
