package io.ddbsync.standin.script;

/** Metacode &lt;expr&gt;: an unevaluated expression, evaluated later by the function it is passed to. */
public final class MetaCode extends RuntimeValue {
    private final Ast.Expr expr;
    private final String text;

    public MetaCode(Ast.Expr expr, String text) {
        this.expr = expr;
        this.text = text;
    }

    public Ast.Expr expr() {
        return expr;
    }

    @Override
    public String typestr() {
        return "CODE";
    }

    @Override
    public DATA_TYPE getDataType() {
        return DATA_TYPE.DT_CODE;
    }

    @Override
    public String getString() {
        return "< " + text + " >";
    }
}
