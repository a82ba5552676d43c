package dev.tnet.ir.loop;

import dev.tnet.ir.loop.Expr.*;
import dev.tnet.ir.loop.Stmt.*;
import java.util.stream.Collectors;

/**
 * The text form of loop IR:
 *
 * <pre>
 * kernel conv1 (conv2d):
 *   parallel for n in 0..1:
 *     for oc in 0..6:
 *       var acc: f32 = b[oc]
 *       ...
 *       y[((n * 6 + oc) * 28 + oh) * 28 + ow] = acc
 * </pre>
 */
public final class LoopPrinter {
  private LoopPrinter() {}

  public static String print(LoopProgram p) {
    StringBuilder sb = new StringBuilder("program ").append(p.name()).append('\n');
    for (Buffer b : p.buffers().values()) {
      sb.append("  ").append(b.role().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
          .append(b.name()).append(": ").append(b.type()).append(b.shape()).append('\n');
    }
    for (Kernel k : p.kernels()) sb.append(print(k));
    return sb.toString();
  }

  public static String print(Kernel k) {
    StringBuilder sb = new StringBuilder("kernel ").append(k.name()).append(" (").append(k.origin()).append("):\n");
    stmt(sb, k.body(), 1);
    return sb.toString();
  }

  private static void stmt(StringBuilder sb, Stmt s, int depth) {
    String ind = "  ".repeat(depth);
    switch (s) {
      case Loop l -> {
        sb.append(ind).append(switch (l.kind()) {
          case SERIAL -> "";
          case PARALLEL -> "parallel ";
          case VECTOR -> "vector ";
        }).append("for ").append(l.var()).append(" in 0..").append(l.extent()).append(":\n");
        stmt(sb, l.body(), depth + 1);
      }
      case Block b -> {
        if (b.stmts().isEmpty()) sb.append(ind).append("pass\n");
        for (Stmt x : b.stmts()) stmt(sb, x, depth);
      }
      case Let l -> {
        sb.append(ind).append("let ").append(l.var()).append(" = ").append(expr(l.value())).append('\n');
        stmt(sb, l.body(), depth);
      }
      case Declare d -> sb.append(ind).append("var ").append(d.var()).append(": ").append(d.type()).append(" = ").append(expr(d.init())).append('\n');
      case Assign a -> sb.append(ind).append(a.var()).append(" = ").append(expr(a.value())).append('\n');
      case Store st -> sb.append(ind).append(st.buffer()).append('[').append(expr(st.index())).append("] = ").append(expr(st.value())).append('\n');
      case If i -> {
        sb.append(ind).append("if ").append(expr(i.condition())).append(":\n");
        stmt(sb, i.then(), depth + 1);
        if (!(i.otherwise() instanceof Block b && b.stmts().isEmpty())) {
          sb.append(ind).append("else:\n");
          stmt(sb, i.otherwise(), depth + 1);
        }
      }
      case Library l -> sb.append(ind).append(l.writes()).append(" = library ").append(l.kernel()).append('(')
          .append(String.join(", ", l.reads())).append("; ints=").append(l.ints()).append(", floats=").append(l.floats())
          .append(")  # ").append(l.note()).append('\n');
      case Check c -> sb.append(ind).append("check ").append(expr(c.condition())).append(", \"").append(c.message()).append("\", ").append(expr(c.value())).append('\n');
    }
  }

  public static String expr(Expr e) {
    return switch (e) {
      case IntConst c -> Integer.toString(c.value());
      case LongConst c -> c.value() + "L";
      case FloatConst c -> Float.isFinite(c.value()) ? c.value() + "f" : Float.toString(c.value());
      case Var v -> v.name();
      case Load l -> l.buffer() + "[" + expr(l.index()) + "]";
      case Unary u -> switch (u.op()) {
        case NEG -> "-" + paren(u.operand());
        case NOT -> "not " + paren(u.operand());
        case ABS -> "abs(" + expr(u.operand()) + ")";
      };
      case Binary b -> switch (b.op()) {
        case MIN, MAX -> b.op().name().toLowerCase(java.util.Locale.ROOT) + "(" + expr(b.left()) + ", " + expr(b.right()) + ")";
        default -> paren(b.left()) + " " + symbol(b.op()) + " " + paren(b.right());
      };
      case Select s -> "select(" + expr(s.condition()) + ", " + expr(s.then()) + ", " + expr(s.otherwise()) + ")";
      case Cast c -> c.type() + "(" + expr(c.operand()) + ")";
      case Call c -> c.function() + "(" + c.args().stream().map(LoopPrinter::expr).collect(Collectors.joining(", ")) + ")";
    };
  }

  private static String paren(Expr e) {
    return e instanceof Binary || e instanceof Unary u && u.op() != Expr.UnOp.ABS ? "(" + expr(e) + ")" : expr(e);
  }

  private static String symbol(Expr.BinOp op) {
    return switch (op) {
      case ADD -> "+";
      case SUB -> "-";
      case MUL -> "*";
      case DIV -> "/";
      case FLOOR_DIV -> "//";
      case MOD -> "%";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      case EQ -> "==";
      case NE -> "!=";
      case AND -> "and";
      case OR -> "or";
      case MIN, MAX -> throw new dev.tnet.runtime.CompilerBug("min/max are printed as calls");
    };
  }
}
