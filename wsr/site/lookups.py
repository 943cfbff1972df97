"""`__in` on an integer column leaves out the numbers the column cannot hold, as Django's own
exact and range lookups do (IntegerFieldOverflow). Without it, a number typed into a form or
an address (a checkbox of ids, ?year=) that is larger than the database's integers was a
server error on SQLite (OverflowError) rather than "no such choice" (issue 17)."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerIn)
