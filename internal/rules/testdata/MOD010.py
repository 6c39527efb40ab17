class Wide:
    def __init__(self):
        self.a = 1
        self.b, self.c = 2, 3
        [self.d, *self.e] = [4, 5]
        self.f: int = 6

    def later(self, items):
        self.g += 1
        for self.h in items:
            pass
        with open("x") as self.i:
            pass

        def nested():
            self.j = 1  # a function nested in a method sets self's attributes too


class Narrow:
    def __init__(self):
        self.a = self.b = self.c = 1

    @classmethod
    def make(cls):
        cls.a = cls.b = cls.c = cls.d = cls.e = cls.f = 1  # class attributes

    @staticmethod
    def helper(x):
        x.a = x.b = x.c = x.d = x.e = x.f = 1  # not an instance of this class

    def __init_subclass__(cls):
        cls.g = cls.h = 1

    def other(this):
        this.a = 2  # the first parameter, whatever its name: a name already counted
        other = Narrow()
        other.x = other.y = other.z = other.w = other.v = 1  # another instance: not followed


class Declared:
    a: int
    b: int
    c: int
    d: int
    e: int
    f: int
    g: int
    h: int  # fields in the class body: not set by methods


class Comprehended:
    def __init__(self, rows):
        self.a = self.b = self.c = self.d = self.e = self.f = self.g = 1
        print(sum(1 for self.h in rows))  # a comprehension's target, deep in an expression
